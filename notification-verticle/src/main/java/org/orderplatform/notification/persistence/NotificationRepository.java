package org.orderplatform.notification.persistence;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.events.OrderEvent.OrderPlaced;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.notification.domain.Notice;
import org.orderplatform.notification.domain.Preferences;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The order → customer projection, customers' preferences and the notifications, in schema {@code notification}. */
public final class NotificationRepository {

  private final Pool pool;

  public NotificationRepository(Pool pool) {
    this.pool = pool;
  }

  /** Notes, for {@code channel}'s group, whose orders these are; a placement seen before changes nothing. */
  public Future<Void> recordCustomers(SqlConnection tx, ChannelName channel, List<OrderPlaced> placed) {
    if (placed.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(NotificationSql.UPSERT_CUSTOMERS).execute(Tuple.of(channel.id(),
        placed.stream().map(OrderPlaced::orderId).toArray(UUID[]::new),
        (Object) placed.stream().map(OrderPlaced::customerId).toArray(String[]::new))).mapEmpty();
  }

  /** The customer of each given order {@code channel}'s group has seen placed; an order it has not seen is absent. */
  public Future<Map<UUID, String>> customers(ChannelName channel, List<UUID> orderIds) {
    return pool.preparedQuery(NotificationSql.CUSTOMERS).execute(Tuple.of(channel.id(), (Object) orderIds.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, String> customers = new HashMap<>();
          rows.forEach(row -> customers.put(row.getUUID("order_id"), row.getString("customer_id")));
          return customers;
        });
  }

  /** The stored preferences of each given customer; one who never chose is absent. */
  public Future<Map<String, Preferences>> preferences(List<String> customerIds) {
    return pool.preparedQuery(NotificationSql.PREFERENCES).execute(Tuple.of((Object) customerIds.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Preferences> found = new HashMap<>();
          rows.forEach(row -> found.put(row.getString("customer_id"), preferences(row)));
          return found;
        });
  }

  public Future<Optional<Preferences>> preferences(String customerId) {
    return preferences(List.of(customerId)).map(found -> Optional.ofNullable(found.get(customerId)));
  }

  public Future<Void> savePreferences(String customerId, Preferences preferences) {
    return pool.preparedQuery(NotificationSql.SAVE_PREFERENCES).execute(Tuple.of(customerId, preferences.log(),
        preferences.webhook().map(URI::toString).orElse(null), preferences.email().orElse(null))).mapEmpty();
  }

  private static Preferences preferences(Row row) {
    String url = row.getString("webhook_url");
    return new Preferences(row.getBoolean("log"), Optional.ofNullable(url).map(URI::create),
        Optional.ofNullable(row.getString("email_address")));
  }

  /** Claims the notices' (event, channel) rows, a statement of its own; returns the events whose claim this took. */
  public Future<Set<UUID>> claim(ChannelName channel, List<Notice> notices, Map<UUID, String> recipients) {
    if (notices.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery(NotificationSql.CLAIM).execute(Tuple.of(
        notices.stream().map(Notice::eventId).toArray(UUID[]::new), channel.id(),
        notices.stream().map(Notice::notificationId).toArray(UUID[]::new),
        notices.stream().map(Notice::orderId).toArray(UUID[]::new),
        notices.stream().map(Notice::customerId).toArray(String[]::new),
        notices.stream().map(n -> n.rendered().topic().id()).toArray(String[]::new),
        notices.stream().map(n -> recipients.get(n.eventId())).toArray(String[]::new))).map(rows -> {
          Set<UUID> claimed = new HashSet<>();
          rows.forEach(row -> claimed.add(row.getUUID("event_id")));
          return claimed;
        });
  }

  /** The claim's status ({@code sending}, {@code sent}, {@code refused}) of each given event that has one. */
  public Future<Map<UUID, String>> statuses(ChannelName channel, List<UUID> eventIds) {
    if (eventIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(NotificationSql.STATUSES).execute(Tuple.of(channel.id(), (Object) eventIds.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, String> statuses = new HashMap<>();
          rows.forEach(row -> statuses.put(row.getUUID("event_id"), row.getString("status")));
          return statuses;
        });
  }

  /** Notes the sends' outcomes, outside the inbox's transaction: sent, refused, or released for a retry. */
  public Future<Void> settle(ChannelName channel, List<UUID> sent, Map<UUID, String> refused, List<UUID> released) {
    Future<?> marked = sent.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery(NotificationSql.MARK_SENT).execute(Tuple.of(channel.id(), (Object) sent.toArray(UUID[]::new)));
    Future<?> turnedDown = refused.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery(NotificationSql.MARK_REFUSED).execute(Tuple.of(channel.id(),
            refused.keySet().toArray(UUID[]::new), refused.values().toArray(String[]::new)));
    Future<?> given = released.isEmpty() ? Future.succeededFuture()
        : pool.preparedQuery(NotificationSql.RELEASE).execute(Tuple.of(channel.id(), (Object) released.toArray(UUID[]::new)));
    return Future.join(marked, turnedDown, given).mapEmpty();
  }

  /** An outcome recorded in the inbox's transaction for the first time. */
  public record Recorded(UUID eventId, UUID notificationId, UUID orderId, String topic, boolean sent, String reason) {
  }

  /** Marks the events' outcomes recorded, in the inbox's transaction; returns those not recorded before. */
  public Future<List<Recorded>> record(SqlConnection tx, ChannelName channel, List<UUID> eventIds) {
    return tx.preparedQuery(NotificationSql.RECORD).execute(Tuple.of(channel.id(), (Object) eventIds.toArray(UUID[]::new)))
        .map(rows -> {
          List<Recorded> recorded = new java.util.ArrayList<>();
          rows.forEach(row -> recorded.add(new Recorded(row.getUUID("event_id"), row.getUUID("notification_id"),
              row.getUUID("order_id"), row.getString("topic"), "sent".equals(row.getString("status")),
              row.getString("reason"))));
          return recorded;
        });
  }

  /** Every notification of an order, as {@code GET /notifications?orderId=} shows them. */
  public Future<JsonArray> ofOrder(UUID orderId) {
    return pool.preparedQuery(NotificationSql.OF_ORDER).execute(Tuple.of(orderId)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(new JsonObject()
          .put("notificationId", row.getUUID("notification_id").toString())
          .put("eventId", row.getUUID("event_id").toString())
          .put("channel", row.getString("channel")).put("customerId", row.getString("customer_id"))
          .put("topic", row.getString("topic")).put("recipient", row.getString("recipient"))
          .put("status", row.getString("status")).put("reason", row.getString("reason"))
          .put("claimedAt", Objects.toString(row.getOffsetDateTime("claimed_at")))
          .put("doneAt", row.getOffsetDateTime("done_at") == null ? null : row.getOffsetDateTime("done_at").toString())));
      return items;
    });
  }
}
