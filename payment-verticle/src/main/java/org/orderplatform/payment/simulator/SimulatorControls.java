package org.orderplatform.payment.simulator;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/** The simulator's runtime switches (outage, latency) and the calls it has received, by kind. */
final class SimulatorControls {

  enum Call { CHARGE, REFUND, LOOKUP }

  private final double failureRate;
  private volatile boolean outage;
  private volatile Duration latency;
  private final LongAdder[] calls = {new LongAdder(), new LongAdder(), new LongAdder()};
  private final LongAdder failed = new LongAdder();

  SimulatorControls(SimulatorSettings settings) {
    this.failureRate = settings.failureRate();
    this.latency = settings.latency();
  }

  void received(Call call) {
    calls[call.ordinal()].increment();
  }

  /** Whether this call gets a 503: during an outage always, otherwise at the configured rate. */
  boolean failsNow() {
    boolean fails = outage || (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate);
    if (fails) {
      failed.increment();
    }
    return fails;
  }

  boolean outage() {
    return outage;
  }

  void outage(boolean enabled) {
    outage = enabled;
  }

  Duration latency() {
    return latency;
  }

  void latency(Duration value) {
    latency = value;
  }

  JsonObject toJson() {
    return new JsonObject().put("outage", outage).put("latency", latency.toMillis() + "ms")
        .put("failureRate", failureRate)
        .put("calls", new JsonObject().put("charges", calls[Call.CHARGE.ordinal()].sum())
            .put("refunds", calls[Call.REFUND.ordinal()].sum()).put("lookups", calls[Call.LOOKUP.ordinal()].sum())
            .put("failed", failed.sum()));
  }
}
