package org.orderplatform.plumbing.db;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Where a service's database lives, parsed once from a {@code postgresql://user:password@host:port/db}
 * URL. The reactive client and Flyway (JDBC) both read from here, so they always agree.
 */
public record PgSettings(String url, PgConnectOptions connectOptions, int poolSize) {

  public static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

  public static PgSettings parse(String url, int poolSize) {
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a PostgreSQL URL (postgresql://user@host:port/db): " + url, e);
    }
    options.setPipeliningLimit(256).setCachePreparedStatements(true);
    return new PgSettings(url, options, poolSize);
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
