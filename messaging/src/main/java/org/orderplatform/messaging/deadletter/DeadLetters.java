package org.orderplatform.messaging.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.EventJson;
import org.orderplatform.messaging.log.StoredEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The persisted dead-letter store and the parking lot behind it. */
public final class DeadLetters {

  /** Filter for listing; null fields match everything. {@code after} is the last id already seen. */
  public record Filter(String group, String type, String fingerprint, String status, long after, int limit) {
  }

  /** A dead letter the dispatcher must act on. */
  public record Action(long id, long position, String aggregateId, boolean retry) {
  }

  private final Pool pool;

  public DeadLetters(Pool pool) {
    this.pool = pool;
  }

  public Future<Long> record(String group, StoredEvent event, List<Attempt> attempts) {
    Attempt last = attempts.get(attempts.size() - 1);
    String fingerprint = Fingerprint.of(event.type(), last.errorClass(), last.errorMessage());
    return pool.preparedQuery(DeadLetterSql.INSERT).execute(Tuple.from(new Object[] {
        group, event.eventId(), event.position(), event.type(), event.version(), event.aggregateId(),
        envelopeJson(event), last.errorClass(), last.errorMessage(), fingerprint, attemptsJson(attempts)}))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> reopen(long id, String type, List<Attempt> attempts) {
    Attempt last = attempts.get(attempts.size() - 1);
    return pool.preparedQuery(DeadLetterSql.REOPEN).execute(Tuple.of(id, last.errorClass(), last.errorMessage(),
        Fingerprint.of(type, last.errorClass(), last.errorMessage()), attemptsJson(attempts))).mapEmpty();
  }

  public Future<Void> resolve(long id) {
    return pool.preparedQuery(DeadLetterSql.RESOLVE).execute(Tuple.of(id)).mapEmpty();
  }

  public Future<Void> release(long id) {
    return pool.preparedQuery(DeadLetterSql.RELEASE).execute(Tuple.of(id)).mapEmpty();
  }

  public Future<Set<String>> blockedAggregates(String group) {
    return pool.preparedQuery(DeadLetterSql.BLOCKED_AGGREGATES).execute(Tuple.of(group))
        .map(rows -> {
          Set<String> blocked = new java.util.HashSet<>();
          rows.forEach(row -> blocked.add(row.getString("aggregate_id")));
          return blocked;
        });
  }

  public Future<List<Action>> actionable(String group) {
    return pool.preparedQuery(DeadLetterSql.ACTIONABLE).execute(Tuple.of(group))
        .map(rows -> {
          List<Action> actions = new ArrayList<>();
          rows.forEach(row -> actions.add(new Action(row.getLong("id"), row.getLong("position"),
              row.getString("aggregate_id"), "retry_requested".equals(row.getString("status")))));
          return actions;
        });
  }

  public Future<Void> park(String group, StoredEvent event) {
    return pool.preparedQuery(DeadLetterSql.PARK)
        .execute(Tuple.of(group, event.position(), event.aggregateId())).mapEmpty();
  }

  public Future<List<Long>> parkedOf(String group, String aggregateId, int limit) {
    return pool.preparedQuery(DeadLetterSql.PARKED_OF).execute(Tuple.of(group, aggregateId, limit))
        .map(rows -> {
          List<Long> positions = new ArrayList<>();
          rows.forEach(row -> positions.add(row.getLong("position")));
          return positions;
        });
  }

  public Future<Void> unpark(String group, long position) {
    return pool.preparedQuery(DeadLetterSql.UNPARK).execute(Tuple.of(group, position)).mapEmpty();
  }

  // ---- operator side ----

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
    return change.compose(result -> notifyControl(pool).map(result));
  }

  public static Future<Void> notifyControl(SqlClient client) {
    return client.preparedQuery(DeadLetterSql.NOTIFY_CONTROL).execute(Tuple.of("dead-letters")).mapEmpty();
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

  /** The stored event as it sits in the log, readable even when it could not be decoded. */
  static String envelopeJson(StoredEvent event) {
    ObjectNode node = EventJson.mapper().createObjectNode();
    node.put("eventId", event.eventId().toString());
    node.put("type", event.type());
    node.put("version", event.version());
    node.put("aggregateId", event.aggregateId());
    node.put("position", event.position());
    node.set("headers", parseOrText(event.headers()));
    node.set("payload", parseOrText(event.payload()));
    return node.toString();
  }

  private static JsonNode parseOrText(String json) {
    try {
      return EventJson.mapper().readTree(json);
    } catch (Exception e) {
      return EventJson.mapper().getNodeFactory().textNode(json);
    }
  }

  static String attemptsJson(List<Attempt> attempts) {
    ArrayNode array = EventJson.mapper().createArrayNode();
    attempts.forEach(a -> array.addObject()
        .put("attempt", a.number())
        .put("at", a.at().toString())
        .put("errorClass", a.errorClass())
        .put("errorMessage", a.errorMessage()));
    return array.toString();
  }
}
