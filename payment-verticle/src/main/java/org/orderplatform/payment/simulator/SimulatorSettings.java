package org.orderplatform.payment.simulator;

import org.orderplatform.plumbing.config.Durations;
import org.orderplatform.plumbing.config.Numbers;

import java.time.Duration;
import java.util.function.Function;

/**
 * How the simulated provider behaves at start, read once from the environment. Latency and the
 * outage can be changed at runtime through {@code /simulator}.
 *
 * @param declineAbove charges above this many minor units are declined ({@code PROVIDER_DECLINE_ABOVE})
 * @param latency      added before each reply, after the ledger is written ({@code PROVIDER_LATENCY})
 * @param failureRate  share of calls answered 503 before anything is recorded ({@code PROVIDER_FAILURE_RATE})
 */
public record SimulatorSettings(long declineAbove, Duration latency, double failureRate) {

  public static final long DEFAULT_DECLINE_ABOVE = 1_000_000;
  static final Duration MAX_LATENCY = Duration.ofMinutes(10);

  public static SimulatorSettings from(Function<String, String> env) {
    return new SimulatorSettings(
        Numbers.whole(env.apply("PROVIDER_DECLINE_ABOVE"), DEFAULT_DECLINE_ABOVE, "PROVIDER_DECLINE_ABOVE", 0,
            Long.MAX_VALUE),
        Durations.parse(env.apply("PROVIDER_LATENCY"), Duration.ZERO, "PROVIDER_LATENCY", Duration.ZERO, MAX_LATENCY),
        Numbers.decimal(env.apply("PROVIDER_FAILURE_RATE"), 0.0, "PROVIDER_FAILURE_RATE", 0.0, 1.0));
  }
}
