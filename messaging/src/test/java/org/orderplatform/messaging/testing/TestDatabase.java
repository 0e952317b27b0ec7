package org.orderplatform.messaging.testing;

import org.orderplatform.plumbing.db.Migrations;
import org.orderplatform.plumbing.db.PgSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away database on the real PostgreSQL, one per test class, migrated with the same Flyway
 * scripts as production. {@code PG_URL} points at the server (default: local, user postgres).
 */
public final class TestDatabase implements AutoCloseable {

  private final String adminJdbc;
  private final String user;
  private final String name;
  private final PgSettings settings;

  private TestDatabase(String adminJdbc, String user, String name, PgSettings settings) {
    this.adminJdbc = adminJdbc;
    this.user = user;
    this.name = name;
    this.settings = settings;
  }

  /** Creates the database and migrates the given schemas (the event log is always there). */
  public static TestDatabase create(String... schemas) {
    String serverUrl = System.getenv().getOrDefault("PG_URL", PgSettings.DEFAULT_URL);
    PgSettings server = PgSettings.parse(serverUrl, 4);
    String name = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    execute(server.jdbcUrl(), server.user(), server.password(), "create database " + name);
    String base = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1);
    String query = serverUrl.contains("?") ? serverUrl.substring(serverUrl.indexOf('?')) : "";
    PgSettings settings = PgSettings.parse(base + name + query, 8);
    Migrations.migrate(settings, "eventlog");
    for (String schema : schemas) {
      Migrations.migrate(settings, schema);
    }
    return new TestDatabase(server.jdbcUrl(), server.user(), name, settings);
  }

  public PgSettings settings() {
    return settings;
  }

  public String name() {
    return name;
  }

  /** Runs SQL over JDBC, for arranging test data outside the code under test. */
  public void sql(String statement) {
    execute(settings.jdbcUrl(), settings.user(), settings.password(), statement);
  }

  @Override
  public void close() {
    execute(adminJdbc, user, settings.password(), "drop database if exists " + name + " with (force)");
  }

  private static void execute(String jdbcUrl, String user, String password, String sql) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' at " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }
}
