package org.orderplatform.bench.orderflow;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * Reads the platform database's committed-transaction counter. PostgreSQL publishes a busy
 * backend's counts about once a second, so two readings taken under the same load lag alike.
 */
final class CommitCounter {

  static final String XACT_COMMIT = "select xact_commit from pg_stat_database where datname = current_database()";

  private final Pool pool;

  CommitCounter(Pool pool) {
    this.pool = pool;
  }

  /** The counter now; the reading itself is a transaction too, counted by the next reading. */
  Future<Long> read() {
    return pool.query(XACT_COMMIT).execute().map(rows -> rows.iterator().next().getLong("xact_commit"));
  }
}
