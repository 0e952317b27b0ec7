package org.orderplatform.order.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.order.domain.Deadline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The saga's stored timers, written in the same transaction as the events that set or end them. */
public final class Deadlines {

  /** A deadline to drop: the step it guarded is over. */
  public record Cancel(UUID orderId, Deadline.Kind kind) {
  }

  private Deadlines() {
  }

  public static Future<Void> schedule(SqlConnection tx, List<Deadline> deadlines) {
    if (deadlines.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(OrderSql.SCHEDULE_DEADLINES).execute(Tuple.of(
            deadlines.stream().map(Deadline::orderId).toArray(UUID[]::new),
            deadlines.stream().map(d -> d.kind().name()).toArray(String[]::new),
            deadlines.stream().map(d -> d.dueAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)))
        .mapEmpty();
  }

  public static Future<Void> cancel(SqlConnection tx, List<Cancel> cancels) {
    if (cancels.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(OrderSql.CANCEL_DEADLINES).execute(Tuple.of(
            cancels.stream().map(Cancel::orderId).toArray(UUID[]::new),
            (Object) cancels.stream().map(c -> c.kind().name()).toArray(String[]::new)))
        .mapEmpty();
  }

  /** Takes up to {@code limit} deadlines due at {@code now} away from the table, for this transaction to fire. */
  public static Future<List<Deadline>> claimDue(SqlConnection tx, Instant now, int limit) {
    return tx.preparedQuery(OrderSql.CLAIM_DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit)).map(rows -> {
      List<Deadline> due = new ArrayList<>(rows.size());
      rows.forEach(row -> due.add(new Deadline(row.getUUID("order_id"), Deadline.Kind.valueOf(row.getString("kind")),
          row.getOffsetDateTime("due_at").toInstant())));
      return due;
    });
  }
}
