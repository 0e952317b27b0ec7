package org.orderplatform.messaging.dispatch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EnvelopeBatch;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.FailureCode;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.messaging.deadletter.Attempt;
import org.orderplatform.messaging.deadletter.DeadLetters;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.messaging.log.StoredEvent;
import org.orderplatform.messaging.log.StoredEvent.Readout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Delivers one subscriber group's events over the event bus; runs only while it leads the group.
 *
 * <p>Events are read ahead of the cursor into per-aggregate queues. The head of a queue is in
 * flight while its aggregate is busy, so one aggregate's events are delivered strictly in order
 * while different aggregates go in parallel up to {@code maxInFlight} requests. The cursor saved
 * is the position below the oldest event not yet finished, so a new leader re-sends at most what
 * was in flight (the consumers' inbox drops the duplicates). All state is touched only on this
 * verticle's event loop.
 */
public final class Dispatcher implements LeaderElection.Role {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int UNPARK_PAGE = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final EventLog eventLog;
  private final DeadLetters deadLetters;
  private final Subscription<?> subscription;
  private final GroupSettings settings;
  private final String group;
  private final String address;
  private final List<String> types;
  private final Clock clock;
  private final RandomGenerator jitter;
  private final GroupStats stats = new GroupStats();

  // One term of leadership (or one epoch within it); callbacks from an older term are ignored.
  private int term;
  private PgConnection lock;
  // False until begin() has loaded the cursor and the blocked aggregates: a NOTIFY arriving earlier
  // would read from a stale position and deliver events of an aggregate its dead letters block.
  private boolean begun;
  private long epoch;
  private long readPosition;
  private final TreeSet<Long> pending = new TreeSet<>();
  private final Map<String, ArrayDeque<Readout>> queues = new HashMap<>();
  private final LinkedHashSet<String> ready = new LinkedHashSet<>();
  private final Set<String> busy = new HashSet<>();
  private final Map<String, Integer> solo = new HashMap<>();
  private final Set<String> blocked = new HashSet<>();
  private final Map<String, Integer> parking = new HashMap<>();
  private int inFlight;
  private boolean fetching;
  private boolean fetchAgain;
  private boolean starved;
  private boolean saving;
  private long savedCursor = -1;
  private boolean actionsRunning;
  private boolean actionsAgain;
  private long poller = -1;

  /** {@code jitter} draws the retry delays; it is used only on this dispatcher's event loop. */
  public Dispatcher(Vertx vertx, Pool pool, EventLog eventLog, DeadLetters deadLetters,
                    Subscription<?> subscription, Clock clock, RandomGenerator jitter) {
    this.vertx = vertx;
    this.pool = pool;
    this.eventLog = eventLog;
    this.deadLetters = deadLetters;
    this.subscription = subscription;
    this.settings = subscription.settings();
    this.group = subscription.group();
    this.address = Addresses.group(group);
    this.types = List.copyOf(subscription.typeNames());
    this.clock = clock;
    this.jitter = jitter;
  }

  public String group() {
    return group;
  }

  public GroupStats stats() {
    return stats;
  }

  public boolean leading() {
    return lock != null;
  }

  @Override
  public Future<Void> lead(PgConnection lockConnection) {
    lock = lockConnection;
    return lock.preparedQuery(DispatchSql.REGISTER).execute(Tuple.of(group, (Object) types.toArray(String[]::new)))
        .compose(v -> begin())
        .onSuccess(v -> poller = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> {
          wake();
          checkControl();
        }));
  }

  @Override
  public void demoted() {
    term++;
    lock = null;
    if (poller >= 0) {
      vertx.cancelTimer(poller);
      poller = -1;
    }
    clear();
  }

  /** New events were sequenced: read what fits. */
  public void wake() {
    if (lock == null || !begun) {
      return;
    }
    if (fetching) {
      fetchAgain = true;
      return;
    }
    int room = settings.maxPending() - pending.size();
    if (room < settings.batchSize()) {
      starved = true;
      return;
    }
    fetching = true;
    fetchAgain = false;
    int myTerm = term;
    int limit = Math.min(room, Math.max(settings.batchSize() * 8, 500));
    eventLog.readAfter(readPosition, types, limit).onComplete(ar -> {
      if (myTerm != term) {
        return;
      }
      fetching = false;
      if (ar.failed()) {
        log.warn("[{}] reading the log failed: {}", group, ar.cause().toString());
        return;
      }
      List<StoredEvent> events = ar.result().events();
      for (StoredEvent event : events) {
        accept(event);
      }
      if (events.size() < limit && ar.result().head() > readPosition) {
        // Nothing else of ours up to the head: the cursor may pass the other groups' events.
        readPosition = ar.result().head();
        stats.readPosition.set(readPosition);
      }
      pump();
      saveCursor();
      if (events.size() == limit || fetchAgain) {
        wake();
      }
    });
  }

  /** An operator replayed, rebuilt or acted on a dead letter: pick it up. */
  public void checkControl() {
    if (lock == null || !begun) {
      return;
    }
    int myTerm = term;
    PgConnection conn = lock;
    conn.preparedQuery(DispatchSql.STATE).execute(Tuple.of(group)).onSuccess(rows -> {
      if (myTerm == term && rows.size() == 1 && rows.iterator().next().getLong("epoch") != epoch) {
        log.info("[{}] replay requested, restarting from the stored cursor", group);
        term++;
        clear();
        // Until begin() succeeds nothing is read; give up the lock so a new term starts afresh.
        begin().onFailure(e -> {
          log.warn("[{}] restart failed, giving up the lock: {}", group, e.toString());
          conn.close();
        });
      }
    });
    runActions();
  }

  private Future<Void> begin() {
    int myTerm = term;
    PgConnection conn = lock;
    return conn.preparedQuery(DispatchSql.STATE).execute(Tuple.of(group))
        .compose(rows -> {
          var row = rows.iterator().next();
          epoch = row.getLong("epoch");
          readPosition = row.getLong("cursor");
          savedCursor = readPosition;
          stats.cursor.set(readPosition);
          return row.getBoolean("reset_pending") ? resetReadModel(epoch) : Future.succeededFuture();
        })
        .compose(v -> deadLetters.blockedAggregates(group))
        .map(found -> {
          if (myTerm == term) {
            blocked.addAll(found);
            begun = true;
            wake();
            runActions();
          }
          return null;
        });
  }

  // A rebuild: wipe the read model and the inbox in one transaction, so replayed events are
  // applied again rather than dropped as duplicates.
  private Future<Void> resetReadModel(long atEpoch) {
    log.info("[{}] rebuilding the read model from position 0", group);
    return pool.withTransaction(tx -> subscription.resetReadModel().apply(tx)
        .compose(v -> tx.preparedQuery(DispatchSql.FORGET_INBOX).execute(Tuple.of(group)))
        .compose(v -> tx.preparedQuery(DispatchSql.CLEAR_RESET).execute(Tuple.of(group, atEpoch)))
        .mapEmpty());
  }

  private void clear() {
    begun = false;
    pending.clear();
    queues.clear();
    ready.clear();
    busy.clear();
    solo.clear();
    blocked.clear();
    parking.clear();
    inFlight = 0;
    fetching = false;
    fetchAgain = false;
    starved = false;
    saving = false;
    actionsRunning = false;
  }

  private void accept(StoredEvent event) {
    pending.add(event.position());
    readPosition = event.position();
    stats.readPosition.set(readPosition);
    String aggregate = event.aggregateId();
    if (blocked.contains(aggregate)) {
      park(event);
      return;
    }
    queues.computeIfAbsent(aggregate, a -> new ArrayDeque<>()).add(event.read());
    if (!busy.contains(aggregate)) {
      ready.add(aggregate);
    }
  }

  private void pump() {
    while (!ready.isEmpty() && inFlight < settings.maxInFlight()) {
      if (settings.batchSize() == 1) {
        deliverHead(takeReady());
      } else {
        sendBatch();
      }
    }
  }

  private String takeReady() {
    String aggregate = ready.iterator().next();
    ready.remove(aggregate);
    busy.add(aggregate);
    inFlight++;
    return aggregate;
  }

  // ---- one event at a time ----

  private void deliverHead(String aggregate) {
    int myTerm = term;
    Readout head = queues.get(aggregate).peek();
    deliverWithRetry(head).onSuccess(failure -> {
      if (myTerm != term) {
        return;
      }
      if (failure.isEmpty()) {
        stats.delivered.increment();
        finish(aggregate, 1);
      } else {
        deadLetter(aggregate, head.stored(), failure, myTerm);
      }
    });
  }

  /**
   * Sends one event, retrying with backoff. Completes with the attempt history when it gave up
   * (empty when delivered); never fails, so the caller always decides what happens next.
   */
  private Future<List<Attempt>> deliverWithRetry(Readout readout) {
    Promise<List<Attempt>> outcome = Promise.promise();
    attempt(readout, 1, new ArrayList<>(), term, outcome);
    return outcome.future();
  }

  private void attempt(Readout readout, int number, List<Attempt> history, int myTerm, Promise<List<Attempt>> outcome) {
    if (myTerm != term) {
      outcome.fail("superseded: leadership or epoch changed");
      return;
    }
    if (readout instanceof Readout.Unreadable unreadable) {
      history.add(new Attempt(number, clock.instant(), unreadable.errorClass(), unreadable.reason()));
      outcome.complete(history);
      return;
    }
    Envelope<?> envelope = ((Readout.Readable) readout).envelope();
    vertx.eventBus().request(address, envelope, new DeliveryOptions().setSendTimeout(settings.sendTimeout().toMillis()))
        .onSuccess(reply -> outcome.complete(List.of()))
        .onFailure(error -> {
          stats.failedAttempts.increment();
          history.add(attemptOf(number, error));
          if (settings.retry().exhausted(number) || poison(error)) {
            outcome.complete(history);
          } else {
            long delay = settings.retry().delayMillis(number, jitter);
            vertx.setTimer(Math.max(1, delay), id -> attempt(readout, number + 1, history, myTerm, outcome));
          }
        });
  }

  private Attempt attemptOf(int number, Throwable error) {
    if (error instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case TIMEOUT -> new Attempt(number, clock.instant(), "Timeout", "no reply within " + settings.sendTimeout().toMillis() + " ms");
        case NO_HANDLERS -> new Attempt(number, clock.instant(), "NoHandlers", "no consumer on " + address);
        default -> Attempt.fromDetail(number, clock.instant(), reply.getMessage());
      };
    }
    return new Attempt(number, clock.instant(), error.getClass().getName(), String.valueOf(error.getMessage()));
  }

  private static boolean poison(Throwable error) {
    return error instanceof ReplyException reply
        && (reply.failureCode() == FailureCode.UNDECODABLE.code() || reply.failureCode() == FailureCode.UNEXPECTED_TYPE.code());
  }

  // ---- batches ----

  private void sendBatch() {
    List<String> aggregates = new ArrayList<>();
    List<Envelope<?>> envelopes = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    for (var it = ready.iterator(); it.hasNext() && envelopes.size() < settings.batchSize(); ) {
      String aggregate = it.next();
      if (solo.containsKey(aggregate) || queues.get(aggregate).peek() instanceof Readout.Unreadable) {
        continue;
      }
      int taken = 0;
      for (Readout readout : queues.get(aggregate)) {
        if (!(readout instanceof Readout.Readable readable) || envelopes.size() >= settings.batchSize()) {
          break;
        }
        envelopes.add(readable.envelope());
        taken++;
      }
      it.remove();
      busy.add(aggregate);
      aggregates.add(aggregate);
      counts.put(aggregate, taken);
    }
    if (envelopes.isEmpty()) {
      // Everything ready must go alone: an undecodable head or the pieces of a failed batch.
      deliverHead(takeReady());
      return;
    }
    inFlight++;
    int myTerm = term;
    vertx.eventBus().request(address, new EnvelopeBatch(envelopes),
            new DeliveryOptions().setSendTimeout(settings.sendTimeout().toMillis()))
        .onComplete(ar -> {
          if (myTerm != term) {
            return;
          }
          inFlight--;
          if (ar.succeeded()) {
            stats.delivered.add(envelopes.size());
            aggregates.forEach(aggregate -> release(aggregate, counts.get(aggregate)));
          } else {
            // Split: each aggregate's events go one by one, so one poison event fails alone.
            stats.failedAttempts.increment();
            log.debug("[{}] batch of {} failed, retrying one by one: {}", group, envelopes.size(), ar.cause().toString());
            aggregates.forEach(aggregate -> {
              solo.put(aggregate, counts.get(aggregate));
              busy.remove(aggregate);
              ready.add(aggregate);
            });
          }
          afterProgress();
        });
  }

  // ---- completion, parking, dead letters ----

  /** The head of the aggregate's queue is done (delivered or dead-lettered): free the aggregate. */
  private void finish(String aggregate, int count) {
    inFlight--;
    solo.computeIfPresent(aggregate, (a, left) -> left > count ? left - count : null);
    release(aggregate, count);
    afterProgress();
  }

  private void release(String aggregate, int count) {
    ArrayDeque<Readout> queue = queues.get(aggregate);
    for (int i = 0; i < count; i++) {
      pending.remove(queue.poll().stored().position());
    }
    busy.remove(aggregate);
    if (queue.isEmpty()) {
      queues.remove(aggregate);
    } else if (blocked.contains(aggregate)) {
      queues.remove(aggregate).forEach(readout -> park(readout.stored()));
    } else {
      ready.add(aggregate);
    }
  }

  private void afterProgress() {
    pump();
    saveCursor();
    if (starved && pending.size() <= settings.maxPending() / 2) {
      starved = false;
      wake();
    }
  }

  private void deadLetter(String aggregate, StoredEvent event, List<Attempt> attempts, int myTerm) {
    deadLetters.record(group, event, attempts).onComplete(ar -> {
      if (myTerm != term) {
        return;
      }
      if (ar.failed()) {
        // Nothing may be lost: keep the event in flight and try to store it again.
        log.warn("[{}] storing a dead letter failed, retrying: {}", group, ar.cause().toString());
        vertx.setTimer(settings.pollInterval().toMillis(), id -> deadLetter(aggregate, event, attempts, myTerm));
        return;
      }
      stats.deadLettered.increment();
      Attempt last = attempts.get(attempts.size() - 1);
      log.warn("[{}] dead-lettered {} {} at {} after {} attempt(s): {} {}", group, event.type(), event.eventId(),
          event.position(), attempts.size(), last.errorClass(), last.errorMessage());
      vertx.eventBus().publish(Addresses.deadLetters(group), new JsonObject()
          .put("id", ar.result()).put("group", group).put("eventId", event.eventId().toString())
          .put("type", event.type()).put("aggregateId", aggregate).put("position", event.position())
          .put("errorClass", last.errorClass()).put("errorMessage", last.errorMessage()));
      blocked.add(aggregate);
      finish(aggregate, 1);
    });
  }

  private void park(StoredEvent event) {
    int myTerm = term;
    parking.merge(event.aggregateId(), 1, Integer::sum);
    deadLetters.park(group, event).onComplete(ar -> {
      if (myTerm != term) {
        return;
      }
      if (ar.failed()) {
        log.warn("[{}] parking {} failed, retrying: {}", group, event.position(), ar.cause().toString());
        parking.merge(event.aggregateId(), -1, Integer::sum);
        vertx.setTimer(settings.pollInterval().toMillis(), id -> {
          if (myTerm == term) {
            park(event);
          }
        });
        return;
      }
      stats.parked.increment();
      parking.merge(event.aggregateId(), -1, Integer::sum);
      pending.remove(event.position());
      afterProgress();
    });
  }

  private void saveCursor() {
    long cursor = pending.isEmpty() ? readPosition : pending.first() - 1;
    if (saving || cursor == savedCursor || lock == null) {
      return;
    }
    saving = true;
    int myTerm = term;
    lock.preparedQuery(DispatchSql.SAVE_CURSOR).execute(Tuple.of(group, cursor, epoch)).onComplete(ar -> {
      if (myTerm != term) {
        return;
      }
      saving = false;
      if (ar.succeeded()) {
        savedCursor = cursor;
        stats.cursor.set(cursor);
        saveCursor();
      }
    });
  }

  // ---- operator actions: retry or discard a dead letter, then let its parked events flow ----

  private void runActions() {
    if (lock == null || !begun) {
      return;
    }
    if (actionsRunning) {
      actionsAgain = true;
      return;
    }
    actionsRunning = true;
    actionsAgain = false;
    int myTerm = term;
    deadLetters.actionable(group)
        .compose(actions -> {
          Future<Void> chain = Future.succeededFuture();
          for (DeadLetters.Action action : actions) {
            chain = chain.compose(v -> myTerm == term ? act(action, myTerm) : Future.succeededFuture());
          }
          return chain;
        })
        .onComplete(ar -> {
          if (myTerm != term) {
            return;
          }
          actionsRunning = false;
          if (ar.failed()) {
            log.warn("[{}] acting on dead letters failed: {}", group, ar.cause().toString());
          }
          if (actionsAgain) {
            runActions();
          }
        });
  }

  private Future<Void> act(DeadLetters.Action action, int myTerm) {
    if (!action.retry()) {
      return unpark(action.aggregateId(), myTerm).compose(v -> deadLetters.release(action.id()));
    }
    return eventLog.readAt(action.position())
        .compose(event -> deliverWithRetry(event.read()).compose(failure -> {
          if (!failure.isEmpty()) {
            return deadLetters.reopen(action.id(), event.type(), failure);
          }
          stats.redelivered.increment();
          return deadLetters.resolve(action.id())
              .compose(v -> unpark(action.aggregateId(), myTerm))
              .compose(v -> deadLetters.release(action.id()));
        }));
  }

  /** Delivers the aggregate's parked events in order; stops at the first that fails for good. */
  private Future<Void> unpark(String aggregate, int myTerm) {
    if (myTerm != term) {
      // Not a success: the caller must not release the dead letter while events are still parked.
      return Future.failedFuture("superseded: leadership or epoch changed");
    }
    return deadLetters.parkedOf(group, aggregate, UNPARK_PAGE).compose(positions -> {
      if (positions.isEmpty()) {
        if (parking.getOrDefault(aggregate, 0) > 0) {
          Promise<Void> later = Promise.promise();
          vertx.setTimer(10, id -> unpark(aggregate, myTerm).onComplete(later));
          return later.future();
        }
        blocked.remove(aggregate);
        return Future.succeededFuture();
      }
      Future<Boolean> chain = Future.succeededFuture(true);
      for (long position : positions) {
        chain = chain.compose(flowing -> flowing ? redeliverParked(position, myTerm) : Future.succeededFuture(false));
      }
      return chain.compose(flowing -> flowing ? unpark(aggregate, myTerm) : Future.succeededFuture());
    });
  }

  private Future<Boolean> redeliverParked(long position, int myTerm) {
    if (myTerm != term) {
      return Future.failedFuture("superseded: leadership or epoch changed");
    }
    return eventLog.readAt(position).compose(event -> deliverWithRetry(event.read()).compose(failure -> {
      if (failure.isEmpty()) {
        stats.redelivered.increment();
        return deadLetters.unpark(group, position).map(true);
      }
      stats.deadLettered.increment();
      return deadLetters.record(group, event, failure)
          .compose(id -> deadLetters.unpark(group, position))
          .map(false);
    }));
  }
}
