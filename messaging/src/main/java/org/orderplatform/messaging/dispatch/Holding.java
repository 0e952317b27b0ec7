package org.orderplatform.messaging.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.OrderLogging;
import org.orderplatform.messaging.deadletter.Attempt;
import org.orderplatform.messaging.deadletter.DeadLetters;
import org.orderplatform.messaging.leader.FencedOut;
import org.orderplatform.messaging.log.StoredEvent.Readout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Writes what holds events back: a dead letter for an event that failed for good (published on
 * {@code deadletter.<group>} once stored), and a parked row for each later event of its aggregate.
 * Nothing may be lost, so a failed write is tried again; a fenced-out one ends the tenure.
 */
final class Holding {

  /** How the dispatcher hears back. */
  interface Outcome {
    boolean current(Tenure tenure);

    /** The schedule changed: send what is ready, store the cursor. */
    void progressed(Tenure tenure);

    void fencedOut(Tenure tenure, FencedOut error);
  }

  private static final Logger log = LoggerFactory.getLogger(Holding.class);

  private final Vertx vertx;
  private final String group;
  private final DeadLetters deadLetters;
  private final GroupStats stats;
  private final Duration retryEvery;
  private final Outcome outcome;
  private final Counter deadLettered;
  private final Counter parked;

  Holding(Vertx vertx, String group, DeadLetters deadLetters, GroupStats stats, Duration retryEvery, Outcome outcome,
          MeterRegistry meters) {
    this.vertx = vertx;
    this.group = group;
    this.deadLetters = deadLetters;
    this.stats = stats;
    this.retryEvery = retryEvery;
    this.outcome = outcome;
    this.deadLettered = AttemptCounters.of(meters, group, "dead_lettered");
    this.parked = AttemptCounters.of(meters, group, "parked");
  }

  void deadLetter(Tenure mine, Schedule.Send send, List<Attempt> attempts) {
    var event = send.events().get(0).stored();
    deadLetters.record(group, event, attempts, mine.lease()).onComplete(ar -> {
      if (!outcome.current(mine)) {
        return;
      }
      if (ar.failed()) {
        retryLater(mine, ar.cause(), "storing the dead letter of " + event.position(), () -> deadLetter(mine, send, attempts));
        return;
      }
      stats.deadLettered.increment();
      deadLettered.increment();
      Attempt last = attempts.get(attempts.size() - 1);
      OrderLogging.about(send.events().get(0), () -> log.warn("[{}] dead-lettered {} {} at {} after {} attempt(s): {} {}",
          group, event.type(), event.eventId(), event.position(), attempts.size(), last.errorClass(), last.errorMessage()));
      vertx.eventBus().publish(Addresses.deadLetters(group), new JsonObject()
          .put("id", ar.result()).put("group", group).put("eventId", event.eventId().toString())
          .put("type", event.type()).put("aggregateId", event.aggregateId()).put("position", event.position())
          .put("errorClass", last.errorClass()).put("errorMessage", last.errorMessage()));
      mine.schedule().deadLettered(send).forEach(parked -> park(mine, parked));
      outcome.progressed(mine);
    });
  }

  void park(Tenure mine, Readout event) {
    deadLetters.park(group, event.stored(), mine.lease()).onComplete(ar -> {
      if (!outcome.current(mine)) {
        return;
      }
      if (ar.failed()) {
        retryLater(mine, ar.cause(), "parking " + event.stored().position(), () -> park(mine, event));
        return;
      }
      stats.parked.increment();
      parked.increment();
      mine.schedule().parked(event);
      outcome.progressed(mine);
    });
  }

  private void retryLater(Tenure mine, Throwable error, String what, Runnable again) {
    if (error instanceof FencedOut fenced) {
      outcome.fencedOut(mine, fenced);
      return;
    }
    log.warn("[{}] {} failed, retrying: {}", group, what, error.toString());
    vertx.setTimer(retryEvery.toMillis(), id -> {
      if (outcome.current(mine)) {
        again.run();
      }
    });
  }
}
