package org.orderplatform.messaging.dispatch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.plumbing.db.PgSettings;
import org.orderplatform.plumbing.db.Pools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Cluster-wide leadership of one role through a PostgreSQL advisory lock. The lock belongs to the
 * session that took it, so it lives on a dedicated connection: if this JVM dies or the connection
 * drops, PostgreSQL releases the lock and another candidate takes it on its next try; and we stop
 * leading the moment our connection closes, before anyone else can start.
 */
public final class LeaderElection {

  /** What a role does while it leads; the connection is the one holding the lock. */
  public interface Role {
    Future<Void> lead(PgConnection lockConnection);

    void demoted();
  }

  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
  private static final String TRY_LOCK = "select pg_try_advisory_lock(hashtextextended($1, 0)) as acquired";

  private final Vertx vertx;
  private final PgSettings settings;
  private final String lockName;
  private final Role role;
  private final Duration retryInterval;
  private PgConnection connection;
  private boolean leading;
  private boolean stopped;
  private long timer = -1;

  public LeaderElection(Vertx vertx, PgSettings settings, String lockName, Role role, Duration retryInterval) {
    this.vertx = vertx;
    this.settings = settings;
    this.lockName = lockName;
    this.role = role;
    this.retryInterval = retryInterval;
  }

  public void start() {
    tryAcquire();
  }

  public boolean leading() {
    return leading;
  }

  private void tryAcquire() {
    if (stopped) {
      return;
    }
    connection()
        .compose(conn -> conn.preparedQuery(TRY_LOCK).execute(Tuple.of(lockName))
            .map(rows -> rows.iterator().next().getBoolean("acquired")))
        .onSuccess(acquired -> {
          if (stopped) {
            // stop() ran while this try was under way and found no connection to close: close it
            // here, or the lock it may just have taken stays held with nobody leading.
            dropConnection();
          } else if (acquired) {
            leading = true;
            log.info("leading {}", lockName);
            role.lead(connection).onFailure(e -> {
              log.warn("{} failed to start leading, giving up the lock: {}", lockName, e.toString());
              dropConnection();
            });
          } else {
            scheduleRetry();
          }
        })
        .onFailure(e -> {
          log.debug("cannot try {}: {}", lockName, e.toString());
          dropConnection();
          scheduleRetry();
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
    if (leading) {
      leading = false;
      log.warn("lost the connection holding {}, no longer leading", lockName);
      role.demoted();
    }
    scheduleRetry();
  }

  private void dropConnection() {
    PgConnection conn = connection;
    if (conn != null) {
      conn.close();
    }
  }

  private void scheduleRetry() {
    if (!stopped && timer < 0) {
      timer = vertx.setTimer(retryInterval.toMillis(), id -> {
        timer = -1;
        tryAcquire();
      });
    }
  }

  public Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (leading) {
      leading = false;
      role.demoted();
    }
    PgConnection conn = connection;
    connection = null;
    return conn == null ? Future.succeededFuture() : conn.close();
  }
}
