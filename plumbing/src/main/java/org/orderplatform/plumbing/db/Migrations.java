package org.orderplatform.plumbing.db;

import org.flywaydb.core.Flyway;

/**
 * Flyway migrations, one schema per owner ({@code db/migration/<schema>} on the classpath). Runs
 * over JDBC and blocks, so call it before Vert.x starts or from a worker.
 */
public final class Migrations {

  private Migrations() {
  }

  public static void migrate(PgSettings settings, String schema) {
    Flyway.configure()
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .schemas(schema)
        .createSchemas(true)
        .locations("classpath:db/migration/" + schema)
        .connectRetries(0)
        .load()
        .migrate();
  }
}
