package org.orderplatform.messaging.deadletter;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's side of the dead-letter store: list, inspect, ask for a retry, discard. These
 * only change rows and tell the dispatchers; the group's leading dispatcher does the redelivery.
 */
public final class DeadLetterQueries {

  /** Filter for listing; null fields match everything. {@code after} is the last id already seen. */
  public record Filter(String group, String type, String fingerprint, String status, long after, int limit) {
  }

  private final Pool pool;

  public DeadLetterQueries(Pool pool) {
    this.pool = pool;
  }

  public Future<List<JsonObject>> list(Filter filter) {
    return pool.preparedQuery(DeadLetterSql.LIST).execute(Tuple.from(new Object[] {
            filter.group(), filter.type(), filter.fingerprint(), filter.status(), filter.after(), filter.limit()}))
        .map(rows -> {
          List<JsonObject> page = new ArrayList<>();
          rows.forEach(row -> page.add(toJson(row)));
          return page;
        });
  }

  public Future<Optional<JsonObject>> show(long id) {
    return pool.preparedQuery(DeadLetterSql.SHOW).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJson(rows.iterator().next())));
  }

  /** Asks the group's dispatcher to redeliver; false when there is no open dead letter with that id. */
  public Future<Boolean> requestRetry(long id) {
    return notifying(pool.preparedQuery(DeadLetterSql.REQUEST_RETRY).execute(Tuple.of(id)).map(rows -> rows.size() == 1));
  }

  public Future<Integer> requestRetry(String fingerprint, String group) {
    return notifying(pool.preparedQuery(DeadLetterSql.REQUEST_RETRY_BY_FINGERPRINT)
        .execute(Tuple.of(fingerprint, group)).map(rows -> rows.size()));
  }

  /** Discards with a reason kept for audit; the aggregate's parked events then flow again. */
  public Future<Boolean> discard(long id, String reason) {
    return notifying(pool.preparedQuery(DeadLetterSql.DISCARD).execute(Tuple.of(id, reason)).map(rows -> rows.size() == 1));
  }

  public Future<Map<String, Long>> openCounts() {
    return pool.query(DeadLetterSql.COUNT_OPEN).execute().map(rows -> {
      Map<String, Long> counts = new HashMap<>();
      rows.forEach(row -> counts.put(row.getString("group_name"), row.getLong("open")));
      return counts;
    });
  }

  private <T> Future<T> notifying(Future<T> change) {
    return change.compose(result -> notifyControl(pool, "dead-letters").map(result));
  }

  /** Tells every JVM's dispatchers that an operator changed something ({@code what} names it). */
  public static Future<Void> notifyControl(SqlClient client, String what) {
    return client.preparedQuery(DeadLetterSql.NOTIFY_CONTROL).execute(Tuple.of(what)).mapEmpty();
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("group", row.getString("group_name"))
        .put("eventId", row.getUUID("event_id").toString())
        .put("position", row.getLong("position"))
        .put("type", row.getString("type"))
        .put("version", row.getInteger("version"))
        .put("aggregateId", row.getString("aggregate_id"))
        .put("envelope", new JsonObject(row.getString("envelope")))
        .put("errorClass", row.getString("error_class"))
        .put("errorMessage", row.getString("error_message"))
        .put("fingerprint", row.getString("fingerprint"))
        .put("attempts", new JsonArray(row.getString("attempts")))
        .put("status", row.getString("status"))
        .put("discardReason", row.getString("discard_reason"))
        .put("createdAt", String.valueOf(row.getOffsetDateTime("created_at")))
        .put("updatedAt", String.valueOf(row.getOffsetDateTime("updated_at")))
        .put("discardedAt", row.getOffsetDateTime("discarded_at") == null ? null : row.getOffsetDateTime("discarded_at").toString());
  }
}
