package org.orderplatform.bench.orderflow;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A database made for one run ({@code bench_<random>}) on the server of {@code serverUrl}, dropped by {@link #close}. */
public final class ThrowawayDatabase implements AutoCloseable {

  private static final long SQL_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final PgConnectOptions server;
  private final String name;
  private boolean dropped;

  private ThrowawayDatabase(Vertx vertx, PgConnectOptions server, String name) {
    this.vertx = vertx;
    this.server = server;
    this.name = name;
  }

  /** Only a name so far: register it for clean-up, then {@link #create} it. */
  public static ThrowawayDatabase named(Vertx vertx, String serverUrl) {
    String name = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new ThrowawayDatabase(vertx, PgConnectOptions.fromUri(serverUrl), name);
  }

  public void create() throws Exception {
    run("create database " + name);
  }

  public String name() {
    return name;
  }

  /** The URL the platform gets as {@code PG_URL}: same server and user, this database. */
  public String url() {
    String password = server.getPassword() == null || server.getPassword().isEmpty() ? "" : ":" + server.getPassword();
    return "postgresql://%s%s@%s:%d/%s".formatted(server.getUser(), password, server.getHost(), server.getPort(), name);
  }

  /** Drops it even if something is still connected. */
  @Override
  public synchronized void close() throws Exception {
    if (!dropped) {
      run("drop database if exists " + name + " with (force)");
      dropped = true;
    }
  }

  private void run(String sql) throws Exception {
    Function<PgConnection, Future<Void>> statement = connection -> connection.query(sql).execute().<Void>mapEmpty()
        .eventually(() -> connection.close());
    PgConnection.connect(vertx, new PgConnectOptions(server)).compose(statement)
        .await(SQL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
