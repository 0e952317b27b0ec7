package org.orderplatform.plumbing.db;

import io.vertx.pgclient.PgConnectOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a service's database lives, parsed once from a {@code postgresql://user:password@host:port/db}
 * URL, and how long its sessions may hold a statement or an idle transaction. The reactive client
 * and Flyway (JDBC) both read from here, so they always agree.
 *
 * <p>{@link #connectOptions()} carries the {@link Timeouts} as startup parameters, so every pool and
 * dedicated connection built from these settings has them from its first statement on. Flyway's
 * JDBC session does not: a migration (an index build) may rightly run longer, and it runs before
 * anything else starts.
 */
public record PgSettings(String url, PgConnectOptions connectOptions, int poolSize, Timeouts timeouts) {

  public static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

  /**
   * Server-side bounds on a session. A transaction left open anywhere on the server holds back
   * the sequencer's xmin watermark, and with it every group; these end it instead.
   *
   * @param statement         {@code statement_timeout}: the longest one statement may run
   * @param idleInTransaction {@code idle_in_transaction_session_timeout}: the longest a session may
   *                          sit inside a transaction between statements before the server ends it
   */
  public record Timeouts(Duration statement, Duration idleInTransaction) {

    public static final Duration DEFAULT_STATEMENT = Duration.ofSeconds(4);
    public static final Duration DEFAULT_IDLE_IN_TRANSACTION = Duration.ofSeconds(10);

    public Timeouts {
      requireInRange(statement, "statement timeout");
      requireInRange(idleInTransaction, "idle-in-transaction timeout");
    }

    public static Timeouts defaults() {
      return new Timeouts(DEFAULT_STATEMENT, DEFAULT_IDLE_IN_TRANSACTION);
    }

    // Zero would switch the server's bound off, which is what these settings exist to prevent; the
    // server keeps both in an int of milliseconds and refuses the connection beyond it.
    private static void requireInRange(Duration value, String what) {
      Objects.requireNonNull(value, what);
      if (value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("the " + what + " must be from 1ms to " + Integer.MAX_VALUE + "ms, got "
            + value.toMillis() + "ms");
      }
    }
  }

  public PgSettings {
    Objects.requireNonNull(timeouts, "timeouts");
    // A copy: the caller's options (perhaps another PgSettings') stay as they were.
    connectOptions = new PgConnectOptions(connectOptions)
        .addProperty("statement_timeout", timeouts.statement().toMillis() + "ms")
        .addProperty("idle_in_transaction_session_timeout", timeouts.idleInTransaction().toMillis() + "ms");
  }

  /** With the default {@link Timeouts}. */
  public PgSettings(String url, PgConnectOptions connectOptions, int poolSize) {
    this(url, connectOptions, poolSize, Timeouts.defaults());
  }

  public static PgSettings parse(String url, int poolSize) {
    return parse(url, poolSize, Timeouts.defaults());
  }

  public static PgSettings parse(String url, int poolSize, Timeouts timeouts) {
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a PostgreSQL URL (postgresql://user@host:port/db): " + url, e);
    }
    options.setPipeliningLimit(256).setCachePreparedStatements(true);
    return new PgSettings(url, options, poolSize, timeouts);
  }

  /** The same database with other timeouts (tests use short ones). */
  public PgSettings withTimeouts(Timeouts other) {
    return new PgSettings(url, connectOptions, poolSize, other);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://%s:%d/%s?connectTimeout=5&socketTimeout=60".formatted(
        connectOptions.getHost(), connectOptions.getPort(), connectOptions.getDatabase());
  }

  public String user() {
    return connectOptions.getUser();
  }

  public String password() {
    return connectOptions.getPassword();
  }

  /** The URL with any password masked, fit for log lines and error messages. */
  public String safeUrl() {
    String password = password();
    return password == null || password.isEmpty() ? url : url.replace(":" + password + "@", ":***@");
  }
}
