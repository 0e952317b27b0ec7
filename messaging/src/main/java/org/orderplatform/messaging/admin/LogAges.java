package org.orderplatform.messaging.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

/**
 * What holds every group back, in seconds, null when there is none: the oldest event the
 * sequencer has not numbered yet, and the oldest open transaction on the server (which holds the
 * sequencer's watermark). The admin API, readiness and metrics read it the same way.
 */
public record LogAges(Double oldestUnsequencedSeconds, Double oldestTransactionSeconds) {

  public static Future<LogAges> read(SqlClient client) {
    return client.query(AdminSql.AGES).execute().map(rows -> {
      Row age = rows.iterator().next();
      return new LogAges(age.getDouble("unsequenced"), age.getDouble("transaction"));
    });
  }
}
