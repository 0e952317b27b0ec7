package org.orderplatform.messaging.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EnvelopeBatch;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.FailureCode;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.deadletter.Attempt;
import org.orderplatform.messaging.inbox.DeliveryHeaders;
import org.orderplatform.messaging.log.StoredEvent.Readout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Sends a group's events to its consumers over the bus. Every request carries the sender's term
 * and epoch, so a consumer refuses a deposed leader's or a pre-replay delivery (see the inbox).
 *
 * <p>A single event is retried with exponential backoff and full jitter until the policy gives up.
 * "No consumer on the address" and "your term or epoch is over" are not the event's fault, so they
 * wait without spending an attempt.
 */
final class Sender {

  private final Vertx vertx;
  private final GroupSettings settings;
  private final String address;
  private final Clock clock;
  private final RandomGenerator jitter;
  private final GroupStats stats;
  private final Counter delivered;
  private final Counter failed;
  private final Counter waited;

  Sender(Vertx vertx, String group, GroupSettings settings, Clock clock, RandomGenerator jitter, GroupStats stats,
         MeterRegistry meters) {
    this.vertx = vertx;
    this.settings = settings;
    this.address = Addresses.group(group);
    this.clock = clock;
    this.jitter = jitter;
    this.stats = stats;
    this.delivered = AttemptCounters.of(meters, group, "delivered");
    this.failed = AttemptCounters.of(meters, group, "failed");
    this.waited = AttemptCounters.of(meters, group, "waited");
  }

  /** One request with several events; fails as a whole. */
  Future<Void> sendBatch(List<Readout> events, DeliveryHeaders headers) {
    List<Envelope<?>> envelopes = events.stream().<Envelope<?>>map(r -> ((Readout.Readable) r).envelope()).toList();
    return vertx.eventBus().request(address, new EnvelopeBatch(envelopes), options(headers))
        .onSuccess(reply -> delivered.increment(envelopes.size()))
        .onFailure(error -> failed.increment())
        .mapEmpty();
  }

  /**
   * Sends one event until it is acknowledged or the retry policy gives up. Completes with the
   * attempt history when it gave up (empty when delivered); fails only when {@code current} turns
   * false, since then nobody may act on the outcome.
   */
  Future<List<Attempt>> deliver(Readout readout, DeliveryHeaders headers, BooleanSupplier current) {
    Promise<List<Attempt>> outcome = Promise.promise();
    attempt(readout, 1, new ArrayList<>(), headers, current, outcome, 0);
    return outcome.future();
  }

  private void attempt(Readout readout, int number, List<Attempt> history, DeliveryHeaders headers,
                       BooleanSupplier current, Promise<List<Attempt>> outcome, int idleWaits) {
    if (!current.getAsBoolean()) {
      outcome.fail("superseded: leadership or epoch changed");
      return;
    }
    if (readout instanceof Readout.Unreadable unreadable) {
      history.add(new Attempt(number, clock.instant(), unreadable.errorClass(), unreadable.reason()));
      outcome.complete(history);
      return;
    }
    Envelope<?> envelope = ((Readout.Readable) readout).envelope();
    vertx.eventBus().request(address, envelope, options(headers))
        .onSuccess(reply -> {
          delivered.increment();
          outcome.complete(List.of());
        })
        .onFailure(error -> {
          if (notTheEventsFault(error)) {
            stats.waited.increment();
            waited.increment();
            long wait = Math.min(settings.pollInterval().toMillis(), 10L << Math.min(idleWaits, 10));
            vertx.setTimer(wait, id -> attempt(readout, number, history, headers, current, outcome, idleWaits + 1));
            return;
          }
          stats.failedAttempts.increment();
          failed.increment();
          history.add(attemptOf(number, error));
          if (settings.retry().exhausted(number) || poison(error)) {
            outcome.complete(history);
          } else {
            long delay = settings.retry().delayMillis(number, jitter);
            vertx.setTimer(Math.max(1, delay), id -> attempt(readout, number + 1, history, headers, current, outcome, 0));
          }
        });
  }

  // No consumer is listening, or the consumer says our term or epoch is over: waiting is right
  // (consumers come back; a stale sender stops once it learns it), dead-lettering is not.
  private static boolean notTheEventsFault(Throwable error) {
    return error instanceof ReplyException reply && (reply.failureType() == ReplyFailure.NO_HANDLERS
        || reply.failureCode() == FailureCode.STALE_DELIVERY.code());
  }

  private DeliveryOptions options(DeliveryHeaders headers) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(settings.sendTimeout().toMillis());
    headers.applyTo(options);
    return options;
  }

  private Attempt attemptOf(int number, Throwable error) {
    if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return new Attempt(number, clock.instant(), "Timeout", "no reply within " + settings.sendTimeout().toMillis() + " ms");
    }
    if (error instanceof ReplyException reply) {
      return Attempt.fromDetail(number, clock.instant(), reply.getMessage());
    }
    return new Attempt(number, clock.instant(), error.getClass().getName(), String.valueOf(error.getMessage()));
  }

  private static boolean poison(Throwable error) {
    return error instanceof ReplyException reply
        && (reply.failureCode() == FailureCode.UNDECODABLE.code() || reply.failureCode() == FailureCode.UNEXPECTED_TYPE.code());
  }
}
