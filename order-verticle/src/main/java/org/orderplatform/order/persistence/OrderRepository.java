package org.orderplatform.order.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.EventJson;
import org.orderplatform.events.Address;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderLine;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.order.domain.OrderStatus;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Orders' current state and the catalogue projection, in the {@code orders} schema. */
public final class OrderRepository {

  private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {
  };

  private final Pool pool;

  public OrderRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inserts several new orders in one statement. */
  public Future<Void> insertAll(SqlConnection tx, List<OrderState> states) {
    int n = states.size();
    Object[] columns = {new UUID[n], new String[n], new String[n], new String[n], new Long[n], new String[n],
        new String[n], new String[n], new Integer[n], new OffsetDateTime[n], new OffsetDateTime[n]};
    for (int i = 0; i < n; i++) {
      OrderState s = states.get(i);
      ((UUID[]) columns[0])[i] = s.orderId();
      ((String[]) columns[1])[i] = s.customerId();
      ((String[]) columns[2])[i] = s.status().name();
      ((String[]) columns[3])[i] = json(s.lines());
      ((Long[]) columns[4])[i] = s.total().minor();
      ((String[]) columns[5])[i] = s.total().currency();
      ((String[]) columns[6])[i] = json(s.shippingAddress());
      ((String[]) columns[7])[i] = s.reason();
      ((Integer[]) columns[8])[i] = s.version();
      ((OffsetDateTime[]) columns[9])[i] = s.placedAt().atOffset(ZoneOffset.UTC);
      ((OffsetDateTime[]) columns[10])[i] = s.updatedAt().atOffset(ZoneOffset.UTC);
    }
    return tx.preparedQuery(OrderSql.INSERT_ALL).execute(Tuple.from(columns)).mapEmpty();
  }

  public Future<Optional<OrderState>> find(UUID orderId) {
    return find(pool, OrderSql.FIND, orderId);
  }

  /** The order, locked until the transaction ends. */
  public Future<Optional<OrderState>> lock(SqlConnection tx, UUID orderId) {
    return find(tx, OrderSql.LOCK, orderId);
  }

  public Future<Void> update(SqlConnection tx, OrderState state, int expectedVersion) {
    return tx.preparedQuery(OrderSql.UPDATE).execute(Tuple.of(state.orderId(), state.status().name(), state.reason(),
            state.version(), state.updatedAt().atOffset(ZoneOffset.UTC), expectedVersion))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(new IllegalStateException("order " + state.orderId() + " changed concurrently")));
  }

  /** Moves every one of these orders that is still PLACED to RESERVED. */
  public Future<Void> markReserved(SqlConnection tx, List<UUID> orderIds, Instant at) {
    return tx.preparedQuery(OrderSql.MARK_RESERVED)
        .execute(Tuple.of(orderIds.toArray(UUID[]::new), at.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  public Future<Map<String, Money>> prices(List<String> skus) {
    return pool.preparedQuery(OrderSql.PRICES).execute(Tuple.of((Object) skus.toArray(String[]::new))).map(rows -> {
      Map<String, Money> prices = new HashMap<>();
      rows.forEach(row -> prices.put(row.getString("sku"), new Money(row.getLong("price_minor"), row.getString("currency"))));
      return prices;
    });
  }

  public Future<Void> upsertCatalog(SqlConnection tx, String sku, String name, Money price) {
    return tx.preparedQuery(OrderSql.UPSERT_CATALOG).execute(Tuple.of(sku, name, price.minor(), price.currency())).mapEmpty();
  }

  public Future<Void> clearCatalog(SqlConnection tx) {
    return tx.query(OrderSql.CLEAR_CATALOG).execute().mapEmpty();
  }

  private static Future<Optional<OrderState>> find(SqlClient client, String sql, UUID orderId) {
    return client.preparedQuery(sql).execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toState(rows.iterator().next())));
  }

  private static OrderState toState(Row row) {
    try {
      return new OrderState(row.getUUID("order_id"), row.getString("customer_id"),
          OrderStatus.valueOf(row.getString("status")),
          EventJson.mapper().readValue(row.getString("lines"), LINES),
          new Money(row.getLong("total_minor"), row.getString("currency")),
          EventJson.mapper().readValue(row.getString("shipping_address"), Address.class),
          row.getString("reason"), row.getInteger("version"),
          instant(row, "placed_at"), instant(row, "updated_at"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored order " + row.getUUID("order_id") + " is unreadable", e);
    }
  }

  private static Instant instant(Row row, String column) {
    return row.getOffsetDateTime(column).toInstant();
  }

  private static String json(Object value) {
    try {
      return EventJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value, e);
    }
  }
}
