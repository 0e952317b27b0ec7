package org.orderplatform.messaging.leader;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.plumbing.db.PgSettings;
import org.orderplatform.plumbing.db.Pools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Cluster-wide leadership of one role through a PostgreSQL advisory lock, held on a dedicated
 * connection. Taking the lock starts a new term ({@code eventlog.leases}); the role fences its
 * writes by that term.
 *
 * <p>A connection can die silently (a partition drops packets, nothing closes), and then the
 * server may release the lock to another node while we still believe we lead. So the lock is
 * confirmed on a timer: a confirmation that fails, says another term began, or does not answer
 * within {@link Timing#confirmTimeout()} makes us step down and close the connection.
 */
public final class LeaderElection {

  /** What a role does while it leads. */
  public interface Role {
    Future<Void> lead(Lease lease);

    void demoted();
  }

  /**
   * @param retry          how soon a follower tries the lock again
   * @param confirmEvery   how often a leader confirms its lock
   * @param confirmTimeout how long a confirmation may take before the leader steps down
   */
  public record Timing(Duration retry, Duration confirmEvery, Duration confirmTimeout) {
    public static Timing defaults() {
      return new Timing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
  }

  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  private final Vertx vertx;
  private final PgSettings settings;
  private final String lockName;
  private final Role role;
  private final Timing timing;
  private PgConnection connection;
  private Lease lease;
  private boolean stopped;
  private boolean confirming;
  private long retryTimer = -1;
  private long confirmTimer = -1;
  // Written on the election's event loop, read by readiness checks on any.
  private volatile Standing standing = Standing.of(Standing.State.STARTING);

  public LeaderElection(Vertx vertx, PgSettings settings, String lockName, Role role, Timing timing) {
    this.vertx = vertx;
    this.settings = settings;
    this.lockName = lockName;
    this.role = role;
    this.timing = timing;
  }

  public void start() {
    tryAcquire();
  }

  public boolean leading() {
    return lease != null;
  }

  public Standing standing() {
    return standing;
  }

  /** The current term while leading, else -1. */
  public long term() {
    return lease == null ? -1 : lease.term();
  }

  private void tryAcquire() {
    if (stopped) {
      return;
    }
    connection()
        .compose(conn -> conn.preparedQuery(LeaseSql.TRY_LOCK).execute(Tuple.of(lockName))
            .map(rows -> rows.iterator().next().getBoolean("acquired"))
            .compose(acquired -> acquired ? nextTerm(conn).map(term -> new Lease(lockName, term, conn))
                : Future.succeededFuture((Lease) null)))
        .onSuccess(taken -> {
          if (stopped) {
            // stop() ran while this try was under way and found no connection to close: close it
            // here, or the lock it may just have taken stays held with nobody leading.
            dropConnection();
          } else if (taken != null) {
            lead(taken);
          } else {
            standing = Standing.of(Standing.State.STANDING_BY);
            scheduleRetry();
          }
        })
        .onFailure(e -> {
          log.debug("cannot try {}: {}", lockName, e.toString());
          standing = new Standing(Standing.State.CONNECTION_PROBLEM, e.toString());
          dropConnection();
          scheduleRetry();
        });
  }

  private Future<Long> nextTerm(PgConnection conn) {
    return conn.preparedQuery(LeaseSql.ENSURE).execute(Tuple.of(lockName))
        .compose(v -> conn.preparedQuery(LeaseSql.NEXT_TERM).execute(Tuple.of(lockName)))
        .map(rows -> rows.iterator().next().getLong("term"));
  }

  private void lead(Lease taken) {
    lease = taken;
    log.info("leading {} (term {})", lockName, taken.term());
    confirmTimer = vertx.setPeriodic(timing.confirmEvery().toMillis(), id -> confirm());
    role.lead(taken).onComplete(ar -> {
      if (lease != taken) {
        return;
      }
      if (ar.succeeded()) {
        standing = Standing.of(Standing.State.LEADING);
      } else {
        log.warn("{} failed to start leading, giving up the lock: {}", lockName, ar.cause().toString());
        standing = new Standing(Standing.State.FAILED_TO_LEAD, ar.cause().toString());
        stepDown();
      }
    });
  }

  private void confirm() {
    Lease current = lease;
    if (current == null || confirming) {
      return;
    }
    confirming = true;
    Promise<Boolean> answer = Promise.promise();
    long timeout = vertx.setTimer(timing.confirmTimeout().toMillis(),
        id -> answer.tryFail("no answer within " + timing.confirmTimeout().toMillis() + " ms"));
    current.connection().preparedQuery(LeaseSql.CONFIRM).execute(Tuple.of(lockName, current.term()))
        .map(rows -> {
          var row = rows.iterator().next();
          return row.getBoolean("current") && row.getBoolean("held");
        })
        .onComplete(ar -> {
          vertx.cancelTimer(timeout);
          if (ar.succeeded()) {
            answer.tryComplete(ar.result());
          } else {
            answer.tryFail(ar.cause());
          }
        });
    answer.future().onComplete(ar -> {
      confirming = false;
      if (lease != current) {
        return;
      }
      if (ar.failed() || !ar.result()) {
        String why = ar.failed() ? ar.cause().getMessage() : "another term began or the lock is gone";
        log.warn("cannot confirm the lock of {} (term {}): {}; stepping down", lockName, current.term(), why);
        standing = new Standing(Standing.State.CONNECTION_PROBLEM, "cannot confirm the lock: " + why);
        stepDown();
      }
    });
  }

  private Future<PgConnection> connection() {
    if (connection != null) {
      return Future.succeededFuture(connection);
    }
    return Pools.dedicated(vertx, settings).onSuccess(conn -> {
      connection = conn;
      conn.closeHandler(v -> onConnectionLost(conn));
    });
  }

  private void onConnectionLost(PgConnection lost) {
    if (lost != connection) {
      return;
    }
    connection = null;
    if (lease != null) {
      log.warn("lost the connection holding {}, no longer leading", lockName);
      standing = new Standing(Standing.State.CONNECTION_PROBLEM, "lost the connection holding the lock");
      demote();
    }
    scheduleRetry();
  }

  /** Stops leading now, then lets the connection (and with it the lock, if still held) go. */
  private void stepDown() {
    demote();
    dropConnection();
  }

  private void demote() {
    if (lease == null) {
      return;
    }
    lease = null;
    if (confirmTimer >= 0) {
      vertx.cancelTimer(confirmTimer);
      confirmTimer = -1;
    }
    role.demoted();
  }

  private void dropConnection() {
    PgConnection conn = connection;
    if (conn != null) {
      conn.close();
    }
  }

  private void scheduleRetry() {
    if (!stopped && retryTimer < 0) {
      retryTimer = vertx.setTimer(timing.retry().toMillis(), id -> {
        retryTimer = -1;
        tryAcquire();
      });
    }
  }

  public Future<Void> stop() {
    stopped = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    demote();
    PgConnection conn = connection;
    connection = null;
    return conn == null ? Future.succeededFuture() : conn.close();
  }
}
