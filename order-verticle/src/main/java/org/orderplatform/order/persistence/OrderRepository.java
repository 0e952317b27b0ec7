package org.orderplatform.order.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.EventJson;
import org.orderplatform.events.Money;
import org.orderplatform.order.domain.OrderState;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The read models of the {@code orders} schema: the order view and the catalogue of prices. */
public final class OrderRepository {

  private final Pool pool;

  public OrderRepository(Pool pool) {
    this.pool = pool;
  }

  /** Writes the read model's rows of these orders, each only over an older fold of it. */
  public Future<Void> upsertViews(SqlConnection tx, Collection<OrderState> states) {
    int n = states.size();
    Object[] columns = {new UUID[n], new String[n], new String[n], new String[n], new Long[n], new String[n],
        new String[n], new String[n], new Integer[n], new OffsetDateTime[n], new OffsetDateTime[n], new UUID[n],
        new Boolean[n]};
    int i = 0;
    for (OrderState s : states) {
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
      ((UUID[]) columns[11])[i] = s.paymentId();
      ((Boolean[]) columns[12])[i] = s.refunded();
      i++;
    }
    return tx.preparedQuery(OrderSql.UPSERT_VIEWS).execute(Tuple.from(columns)).mapEmpty();
  }

  public Future<Void> clearViews(SqlConnection tx) {
    return tx.query(OrderSql.CLEAR_VIEWS).execute().mapEmpty();
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

  private static String json(Object value) {
    try {
      return EventJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value, e);
    }
  }
}
