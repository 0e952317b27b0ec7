package org.orderplatform.plumbing.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.core.Future;
import io.vertx.core.net.NetClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Builds the bounded pools and dedicated connections every service uses; both carry the settings'
 * session timeouts (see {@link PgSettings.Timeouts}).
 */
public final class Pools {

  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private Pools() {
  }

  // No timeout on the wait for a pooled connection: under load, Vert.x 5.0.8 fired that timeout for
  // waiters already granted a connection ("Promise already completed"), and the runs that showed it
  // also had HTTP requests never answered. The wait is bounded anyway: every connection ends its
  // statements and idle transactions by the settings' timeouts.
  public static Pool pool(Vertx vertx, PgSettings settings) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(settings.poolSize()).setMaxWaitQueueSize(10_000).setConnectionTimeout(0))
        .with(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS))
        .connectingTo(settings.connectOptions())
        .using(vertx)
        .build();
  }

  /** A connection outside any pool: session state such as an advisory lock stays with it. */
  // With the server's TCP keepalive set short, a backend whose client vanished silently (a
  // partition) is ended within ~11 s, which also frees an advisory lock it held; tcp_user_timeout
  // covers the case keepalive does not, data sent and never acknowledged. The leader's own check
  // on a timer covers the client's side.
  public static Future<PgConnection> dedicated(Vertx vertx, PgSettings settings) {
    PgConnectOptions options = new PgConnectOptions(settings.connectOptions())
        .addProperty("tcp_keepalives_idle", "5")
        .addProperty("tcp_keepalives_interval", "2")
        .addProperty("tcp_keepalives_count", "3")
        .addProperty("tcp_user_timeout", "11000");
    return PgConnection.connect(vertx, options);
  }
}
