package org.orderplatform.delivery.persistence;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.delivery.domain.Shipment;
import org.orderplatform.delivery.domain.ShipmentStatus;
import org.orderplatform.events.Address;
import org.orderplatform.events.StockLine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Shipments in the {@code delivery} schema. */
public final class ShipmentRepository {

  private final Pool pool;

  public ShipmentRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts the shipments of orders that have none yet; answers the orders whose shipment was inserted. */
  public Future<Set<UUID>> insertNew(SqlConnection tx, List<Shipment> shipments) {
    if (shipments.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return tx.preparedQuery(DeliverySql.INSERT_NEW).execute(Tuple.wrap(new Object[] {
        shipments.stream().map(Shipment::deliveryId).toArray(UUID[]::new),
        shipments.stream().map(Shipment::orderId).toArray(UUID[]::new),
        shipments.stream().map(Shipment::customerId).toArray(String[]::new),
        shipments.stream().map(s -> addressJson(s.address()).encode()).toArray(String[]::new),
        shipments.stream().map(s -> linesJson(s.lines()).encode()).toArray(String[]::new),
        shipments.stream().map(Shipment::carrier).toArray(String[]::new),
        shipments.stream().map(Shipment::trackingNumber).toArray(String[]::new),
        shipments.stream().map(s -> utc(s.scheduledFor())).toArray(OffsetDateTime[]::new),
        shipments.stream().map(Shipment::estimatedDelivery).toArray(LocalDate[]::new),
        shipments.stream().map(s -> utc(s.nextStepAt())).toArray(OffsetDateTime[]::new)}))
        .map(rows -> {
          Set<UUID> inserted = new HashSet<>();
          rows.forEach(row -> inserted.add(row.getUUID("order_id")));
          return inserted;
        });
  }

  /** The shipments of these orders, locked until the transaction ends; orders without one are absent. */
  public Future<Map<UUID, Shipment>> lockByOrders(SqlConnection tx, List<UUID> orderIds) {
    return tx.preparedQuery(DeliverySql.LOCK_BY_ORDERS).execute(Tuple.of((Object) orderIds.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, Shipment> byOrder = new LinkedHashMap<>();
          rows.forEach(row -> byOrder.put(row.getUUID("order_id"), shipment(row)));
          return byOrder;
        });
  }

  public Future<Optional<Shipment>> lockById(SqlConnection tx, UUID deliveryId) {
    return one(tx, DeliverySql.LOCK_BY_ID, deliveryId);
  }

  public Future<Optional<Shipment>> find(UUID deliveryId) {
    return one(pool, DeliverySql.FIND_BY_ID, deliveryId);
  }

  public Future<Optional<Shipment>> findByOrder(UUID orderId) {
    return one(pool, DeliverySql.FIND_BY_ORDER, orderId);
  }

  /** Takes up to {@code limit} shipments whose next step is due at {@code now}, skipping rows another scanner holds. */
  public Future<List<Shipment>> claimDue(SqlConnection tx, Instant now, int limit) {
    return tx.preparedQuery(DeliverySql.CLAIM_DUE).execute(Tuple.of(utc(now), limit)).map(ShipmentRepository::all);
  }

  /** Saves the shipments' status, reason, delivery time and next step. */
  public Future<Void> save(SqlConnection tx, List<Shipment> shipments) {
    if (shipments.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(DeliverySql.SAVE).execute(Tuple.of(
        shipments.stream().map(Shipment::deliveryId).toArray(UUID[]::new),
        shipments.stream().map(s -> s.status().dbName()).toArray(String[]::new),
        shipments.stream().map(Shipment::reason).toArray(String[]::new),
        shipments.stream().map(s -> utc(s.deliveredAt())).toArray(OffsetDateTime[]::new),
        shipments.stream().map(s -> utc(s.nextStepAt())).toArray(OffsetDateTime[]::new))).mapEmpty();
  }

  private static Future<Optional<Shipment>> one(SqlClient client, String sql, UUID id) {
    return client.preparedQuery(sql).execute(Tuple.of(id))
        .map(rows -> all(rows).stream().findFirst());
  }

  private static List<Shipment> all(RowSet<Row> rows) {
    List<Shipment> shipments = new ArrayList<>(rows.size());
    rows.forEach(row -> shipments.add(shipment(row)));
    return shipments;
  }

  private static Shipment shipment(Row row) {
    JsonObject address = new JsonObject(row.getString("address"));
    List<StockLine> lines = new ArrayList<>();
    new JsonArray(row.getString("lines")).forEach(line -> lines.add(new StockLine(((JsonObject) line).getString("sku"),
        ((JsonObject) line).getInteger("quantity"))));
    return new Shipment(row.getUUID("delivery_id"), row.getUUID("order_id"), row.getString("customer_id"),
        new Address(address.getString("line1"), address.getString("line2"), address.getString("postalCode"),
            address.getString("city"), address.getString("country")),
        lines, row.getString("carrier"), row.getString("tracking_number"), instant(row, "scheduled_for"),
        row.getLocalDate("estimated_delivery"), ShipmentStatus.fromDb(row.getString("status")), row.getString("reason"),
        instant(row, "delivered_at"), instant(row, "next_step_at"));
  }

  private static JsonObject addressJson(Address address) {
    return new JsonObject().put("line1", address.line1()).put("line2", address.line2())
        .put("postalCode", address.postalCode()).put("city", address.city()).put("country", address.country());
  }

  private static JsonArray linesJson(List<StockLine> lines) {
    return new JsonArray(lines.stream().map(l -> new JsonObject().put("sku", l.sku()).put("quantity", l.quantity()))
        .toList());
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
