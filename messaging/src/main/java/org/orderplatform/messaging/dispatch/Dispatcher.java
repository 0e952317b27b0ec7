package org.orderplatform.messaging.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.messaging.deadletter.Attempt;
import org.orderplatform.messaging.deadletter.DeadLetters;
import org.orderplatform.messaging.leader.FencedOut;
import org.orderplatform.messaging.leader.LeaderElection;
import org.orderplatform.messaging.leader.Lease;
import org.orderplatform.messaging.log.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Delivers one subscriber group's events over the event bus while it leads the group. It reads
 * ahead of the cursor into the {@link Schedule}, sends what the schedule allows through the
 * {@link Sender}, parks and dead-letters what must wait, lets {@link DeadLetterActions} carry out
 * operators' requests and the {@link CursorKeeper} store progress. Everything runs on this
 * verticle's event loop; a callback from an earlier {@link Tenure} is ignored.
 */
public final class Dispatcher implements LeaderElection.Role {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final Vertx vertx;
  private final Subscription<?> subscription;
  private final GroupSettings settings;
  private final String group;
  private final GroupStats stats = new GroupStats();
  private final Set<String> typeNames;
  private final Sender sender;
  private final CursorKeeper cursor;
  private final DeadLetterActions actions;
  private final GroupStart start;
  private final Holding holding;
  private final ReadAhead readAhead;
  private Lease held;
  private Tenure tenure;
  private long poller = -1;

  /**
   * {@code jitter} draws the retry delays; it is used only on this dispatcher's event loop.
   * {@code meters} get what came of the sends (see {@link AttemptCounters}).
   */
  public Dispatcher(Vertx vertx, Pool pool, EventLog eventLog, DeadLetters deadLetters,
                    Subscription<?> subscription, Clock clock, RandomGenerator jitter, MeterRegistry meters) {
    this.vertx = vertx;
    this.subscription = subscription;
    this.settings = subscription.settings();
    this.group = subscription.group();
    this.typeNames = subscription.typeNames();
    this.sender = new Sender(vertx, group, settings, clock, jitter, stats, meters);
    Loop loop = new Loop();
    this.cursor = new CursorKeeper(vertx, pool, group, stats, Duration.ofMillis(50), loop);
    this.actions = new DeadLetterActions(vertx, group, eventLog, deadLetters, sender, stats);
    this.start = new GroupStart(pool, deadLetters, subscription);
    this.holding = new Holding(vertx, group, deadLetters, stats, settings.pollInterval(), loop, meters);
    this.readAhead = new ReadAhead(eventLog, group, List.copyOf(typeNames), settings, stats, loop,
        holding);
  }

  /** How the parts report back; every callback of a tenure that is over is ignored by its caller. */
  private final class Loop implements Holding.Outcome, ReadAhead.Sink {
    @Override
    public boolean current(Tenure mine) {
      return mine == tenure;
    }

    @Override
    public void progressed(Tenure mine) {
      progress(mine);
    }

    @Override
    public void fencedOut(Tenure mine, FencedOut error) {
      resign(mine.lease(), error);
    }
  }

  public String group() {
    return group;
  }

  public GroupStats stats() {
    return stats;
  }

  /** Whether this group takes events of the named type. */
  public boolean takes(Object type) {
    return typeNames.contains(type);
  }

  public boolean leading() {
    return tenure != null;
  }

  @Override
  public Future<Void> lead(Lease lease) {
    held = lease;
    return start.register(lease).compose(v -> begin(lease)).onSuccess(v -> {
      if (held == lease) {
        stopPolling();
        poller = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> {
          wake();
          checkControl();
        });
      }
    });
  }

  @Override
  public void demoted() {
    held = null;
    stopPolling();
    end();
  }

  private void stopPolling() {
    if (poller >= 0) {
      vertx.cancelTimer(poller);
      poller = -1;
    }
  }

  private void end() {
    tenure = null;
    readAhead.reset();
    cursor.stop();
    actions.reset();
  }

  // A lease demoted while this was loading must not start a tenure: it would outlive its term.
  private Future<Void> begin(Lease lease) {
    end();
    return start.load(lease).map(loaded -> {
      if (held != lease) {
        return null;
      }
      tenure = new Tenure(lease, loaded.epoch(), loaded.schedule());
      cursor.start(tenure, loaded.cursor());
      wake();
      runActions();
      return null;
    });
  }

  private BooleanSupplier currentFor(Tenure mine) {
    return () -> tenure == mine;
  }

  /** New events were sequenced: read what fits. */
  public void wake() {
    Tenure mine = tenure;
    if (mine != null) {
      readAhead.wake(mine);
    }
  }

  private void progress(Tenure mine) {
    for (Schedule.Send send : mine.schedule().take(settings.maxInFlight())) {
      if (send.single()) {
        sender.deliver(send.events().get(0), mine.headers(), currentFor(mine))
            .onSuccess(failure -> delivered(mine, send, failure));
      } else {
        sender.sendBatch(send.events(), mine.headers()).onComplete(ar -> {
          if (mine != tenure) {
            return;
          }
          if (ar.succeeded()) {
            delivered(mine, send, List.of());
          } else {
            stats.failedAttempts.increment();
            log.debug("[{}] batch of {} failed, retrying one by one: {}", group, send.events().size(), ar.cause().toString());
            mine.schedule().batchFailed(send);
            progress(mine);
          }
        });
      }
    }
    cursor.offer(mine.schedule().cursor());
    readAhead.roomFreed(mine);
  }

  private void delivered(Tenure mine, Schedule.Send send, List<Attempt> failure) {
    if (mine != tenure) {
      return;
    }
    if (!failure.isEmpty()) {
      holding.deadLetter(mine, send, failure);
      return;
    }
    stats.delivered.add(send.events().size());
    mine.schedule().delivered(send).forEach(event -> holding.park(mine, event));
    progress(mine);
  }

  /** Our term is over though the election has not noticed yet: stop, and let the lock go. */
  private void resign(Lease lease, Throwable why) {
    if (held != lease) {
      return;
    }
    log.warn("[{}] {}; giving up the lead", group, why.getMessage());
    end();
    lease.connection().close();
  }

  /** An operator replayed, rebuilt or acted on a dead letter: pick it up. */
  public void checkControl() {
    Tenure mine = tenure;
    if (mine == null) {
      return;
    }
    start.epoch().onSuccess(epoch -> {
      if (mine == tenure && epoch != mine.epoch()) {
        log.info("[{}] replay requested, restarting from the stored cursor", group);
        // Until begin() succeeds nothing is read; give up the lock so a new term starts afresh.
        begin(mine.lease()).onFailure(e -> resign(mine.lease(), e));
      }
    });
    runActions();
  }

  private void runActions() {
    Tenure mine = tenure;
    if (mine != null) {
      actions.run(mine, currentFor(mine)).onFailure(e -> {
        if (e instanceof FencedOut && mine == tenure) {
          resign(mine.lease(), e);
        } else if (mine == tenure) {
          log.warn("[{}] acting on dead letters failed: {}", group, e.toString());
        }
      });
    }
  }
}
