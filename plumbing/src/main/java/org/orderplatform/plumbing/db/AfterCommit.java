package org.orderplatform.plumbing.db;

import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;

/**
 * What must happen only once a write is durable (a wake-up signal, a counter): a handler's future
 * completes before its transaction commits, and a transaction that then rolls back (and is
 * retried) must not have signalled or counted.
 */
public final class AfterCommit {

  private AfterCommit() {
  }

  /**
   * Runs {@code action} when the transaction of {@code client} commits, never when it rolls back;
   * at once when {@code client} is not in a transaction (its statements have committed already).
   */
  public static void run(SqlClient client, Runnable action) {
    Transaction transaction = client instanceof SqlConnection connection ? connection.transaction() : null;
    if (transaction == null) {
      action.run();
    } else {
      transaction.completion().onSuccess(v -> action.run());
    }
  }
}
