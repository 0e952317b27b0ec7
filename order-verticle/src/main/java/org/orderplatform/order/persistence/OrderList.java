package org.orderplatform.order.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.events.Money;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Pages of the order read model, newest first, by keyset: a page never repeats or skips an order. */
public final class OrderList {

  /** Where a page starts: after this order, in (placed at, order id) descending order. */
  public record After(Instant placedAt, UUID orderId) {
  }

  /** An order as the list shows it. */
  public record Summary(UUID orderId, String customerId, String status, Money total, String reason,
                        Instant placedAt, Instant updatedAt) {
  }

  /** The page, and where the next one starts (null: this was the last). */
  public record Page(List<Summary> orders, After next) {
  }

  private final Pool pool;

  public OrderList(Pool pool) {
    this.pool = pool;
  }

  /**
   * @param customerId null: every customer's
   * @param status     null: any status
   * @param after      null: from the newest
   */
  public Future<Page> page(String customerId, String status, After after, int limit) {
    List<Object> params = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (customerId != null) {
      params.add(customerId);
      where.add("customer_id = $" + params.size());
    }
    if (status != null) {
      params.add(status);
      where.add("status = $" + params.size());
    }
    if (after != null) {
      params.add(after.placedAt().atOffset(ZoneOffset.UTC));
      params.add(after.orderId());
      where.add("(placed_at, order_id) < ($" + (params.size() - 1) + ", $" + params.size() + ")");
    }
    // One more than the page: whether a next page exists, without a count.
    params.add(limit + 1);
    String sql = OrderSql.LIST + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
        + OrderSql.LIST_ORDER + params.size();
    return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
      List<Summary> orders = new ArrayList<>();
      for (Row row : rows) {
        orders.add(new Summary(row.getUUID("order_id"), row.getString("customer_id"), row.getString("status"),
            new Money(row.getLong("total_minor"), row.getString("currency")), row.getString("reason"),
            row.getOffsetDateTime("placed_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant()));
      }
      if (orders.size() <= limit) {
        return new Page(orders, null);
      }
      List<Summary> page = orders.subList(0, limit);
      Summary last = page.get(limit - 1);
      return new Page(List.copyOf(page), new After(last.placedAt(), last.orderId()));
    });
  }
}
