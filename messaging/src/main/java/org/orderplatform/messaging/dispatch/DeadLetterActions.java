package org.orderplatform.messaging.dispatch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.orderplatform.messaging.deadletter.Attempt;
import org.orderplatform.messaging.deadletter.DeadLetters;
import org.orderplatform.messaging.leader.FencedOut;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.messaging.log.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Carries out what operators asked of a group's dead letters: redeliver one, or let the events
 * parked behind a resolved or discarded one flow again, in order.
 *
 * <p>Order holds per aggregate: a dead letter is acted on only when it is its aggregate's lowest
 * hold and nothing of the aggregate is in memory or in flight; unparking stops below the next
 * hold. One action failing does not stop the others; a fenced-out write ends the pass.
 */
final class DeadLetterActions {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterActions.class);
  private static final int PAGE = 100;

  private final Vertx vertx;
  private final String group;
  private final EventLog eventLog;
  private final DeadLetters deadLetters;
  private final Sender sender;
  private final GroupStats stats;
  private boolean running;
  private boolean again;

  DeadLetterActions(Vertx vertx, String group, EventLog eventLog, DeadLetters deadLetters, Sender sender,
                    GroupStats stats) {
    this.vertx = vertx;
    this.group = group;
    this.eventLog = eventLog;
    this.deadLetters = deadLetters;
    this.sender = sender;
    this.stats = stats;
  }

  /** Completes when this pass is over; fails with {@link FencedOut} when the term ended under it. */
  Future<Void> run(Tenure tenure, BooleanSupplier current) {
    if (running) {
      again = true;
      return Future.succeededFuture();
    }
    running = true;
    again = false;
    // A pass of a tenure that is over must not clear the flag of the pass that followed it.
    return page(tenure, current, 0, 0).andThen(ar -> running = running && !current.getAsBoolean())
        .compose(v -> again && current.getAsBoolean() ? run(tenure, current) : Future.succeededFuture());
  }

  void reset() {
    running = false;
    again = false;
  }

  private Future<Void> page(Tenure tenure, BooleanSupplier current, long afterPosition, long afterId) {
    return deadLetters.actionable(group, afterPosition, afterId, PAGE).compose(actions -> {
      Future<Void> chain = Future.succeededFuture();
      for (DeadLetters.Action action : actions) {
        chain = chain.compose(v -> current.getAsBoolean() ? safely(tenure, current, action) : Future.succeededFuture());
      }
      if (actions.size() < PAGE) {
        return chain;
      }
      DeadLetters.Action last = actions.get(actions.size() - 1);
      return chain.compose(v -> page(tenure, current, last.position(), last.id()));
    });
  }

  private Future<Void> safely(Tenure tenure, BooleanSupplier current, DeadLetters.Action action) {
    return act(tenure, current, action).recover(error -> {
      if (error instanceof FencedOut) {
        return Future.failedFuture(error);
      }
      if (error instanceof DeadLetters.EpochOver) {
        return Future.succeededFuture(); // the next epoch's dispatcher redoes it
      }
      log.warn("[{}] acting on dead letter {} failed, going on with the others: {}", group, action.id(), error.toString());
      return Future.succeededFuture();
    });
  }

  private Future<Void> act(Tenure tenure, BooleanSupplier current, DeadLetters.Action action) {
    Schedule schedule = tenure.schedule();
    String aggregate = action.aggregateId();
    OptionalLong lowest = schedule.holds().lowest(aggregate);
    // An older hold or event of the aggregate comes first, or (after a replay) the reads have not
    // reached the dead letter yet and older events of the aggregate may still come: asked again later.
    if ((lowest.isPresent() && lowest.getAsLong() != action.position()) || schedule.active(aggregate)
        || schedule.readPosition() < action.position()) {
      return Future.succeededFuture();
    }
    Future<Boolean> flowing = !action.retry() ? Future.succeededFuture(true) : eventLog.readAt(action.position())
        .compose(event -> sender.deliver(event.read(), tenure.headers(), current).compose(failure -> {
          if (!failure.isEmpty()) {
            return deadLetters.reopen(action.id(), event.type(), failure, tenure.lease()).map(false);
          }
          stats.redelivered.increment();
          schedule.holds().hold(aggregate, action.position(), Holds.Hold.RESOLVED);
          return deadLetters.resolve(action.id(), tenure.lease(), group, tenure.epoch()).map(true);
        }));
    if (action.discarded()) {
      schedule.holds().discard(action.position());
    }
    return flowing.compose(flow -> !flow ? Future.succeededFuture() : unpark(tenure, current, aggregate, action.position())
        .compose(v -> deadLetters.release(action.id(), tenure.lease(), group, tenure.epoch()))
        .onSuccess(v -> again = true));
  }

  /**
   * Delivers the aggregate's parked events after {@code from} and below its next hold, in order,
   * then lifts the hold at {@code from}. The hold is lifted in the same event-loop turn as the look
   * that found nothing more parked and no park under way or landed since the look began, so no
   * event read meanwhile can be parked behind a hold that is already gone.
   */
  private Future<Void> unpark(Tenure tenure, BooleanSupplier current, String aggregate, long from) {
    if (!current.getAsBoolean()) {
      return Future.failedFuture("superseded: leadership or epoch changed");
    }
    Schedule schedule = tenure.schedule();
    long below = schedule.holds().next(aggregate, from).orElse(Long.MAX_VALUE);
    long parkWrites = schedule.parkWrites(aggregate);
    return deadLetters.parkedOf(group, aggregate, below, PAGE).compose(positions -> {
      if (positions.isEmpty()) {
        if (!current.getAsBoolean()) {
          return Future.failedFuture("superseded: leadership or epoch changed");
        }
        if (!schedule.parking(aggregate) && schedule.parkWrites(aggregate) == parkWrites) {
          schedule.lift(aggregate, from);
          return Future.succeededFuture();
        }
        Promise<Void> later = Promise.promise();
        vertx.setTimer(5, id -> unpark(tenure, current, aggregate, from).onComplete(later));
        return later.future();
      }
      Future<Boolean> chain = Future.succeededFuture(true);
      for (long position : positions) {
        chain = chain.compose(flowing -> flowing ? redeliver(tenure, current, position) : Future.succeededFuture(false));
      }
      return chain.compose(flowing -> {
        if (flowing) {
          return unpark(tenure, current, aggregate, from);
        }
        // Stopped at a new dead letter, now the aggregate's next hold: this one's part is done.
        schedule.lift(aggregate, from);
        return Future.succeededFuture();
      });
    });
  }

  private Future<Boolean> redeliver(Tenure tenure, BooleanSupplier current, long position) {
    return eventLog.readAt(position).compose(event -> sender.deliver(event.read(), tenure.headers(), current)
        .compose(failure -> failure.isEmpty() ? delivered(tenure, position) : failedAgain(tenure, event, failure)));
  }

  private Future<Boolean> delivered(Tenure tenure, long position) {
    stats.redelivered.increment();
    return deadLetters.unpark(group, position, tenure.lease()).map(true);
  }

  // It becomes the aggregate's next hold: what is parked after it stays parked.
  private Future<Boolean> failedAgain(Tenure tenure, StoredEvent event, List<Attempt> failure) {
    stats.deadLettered.increment();
    return deadLetters.record(group, event, failure, tenure.lease())
        .compose(id -> {
          tenure.schedule().holds().hold(event.aggregateId(), event.position(), Holds.Hold.LIVE);
          return deadLetters.unpark(group, event.position(), tenure.lease());
        })
        .map(false);
  }
}
