package org.orderplatform.order.persistence;

final class OrderSql {

  private OrderSql() {
  }

  static final String COLUMNS = """
      order_id, customer_id, status, lines::text as lines, total_minor, currency,
      shipping_address::text as shipping_address, reason, version, placed_at, updated_at
      """;

  static final String INSERT_ALL = """
      insert into orders.orders (order_id, customer_id, status, lines, total_minor, currency, shipping_address,
                                 reason, version, placed_at, updated_at)
      select o.order_id, o.customer_id, o.status, o.lines::jsonb, o.total_minor, o.currency, o.shipping_address::jsonb,
             o.reason, o.version, o.placed_at, o.updated_at
        from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[],
                    $9::int[], $10::timestamptz[], $11::timestamptz[])
             as o(order_id, customer_id, status, lines, total_minor, currency, shipping_address, reason, version,
                  placed_at, updated_at)
      """;

  static final String FIND = "select " + COLUMNS + " from orders.orders where order_id = $1";

  static final String LOCK = "select " + COLUMNS + " from orders.orders where order_id = $1 for update";

  // Optimistic guard on top of the row lock: a state computed from an older version never lands.
  static final String UPDATE = """
      update orders.orders set status = $2, reason = $3, version = $4, updated_at = $5
       where order_id = $1 and version = $6
      """;

  // The saga's bulk step for a batch of StockReserved: only orders still PLACED move on.
  static final String MARK_RESERVED = """
      update orders.orders set status = 'RESERVED', version = version + 1, updated_at = $2
       where order_id = any($1::uuid[]) and status = 'PLACED'
      """;

  static final String PRICES = "select sku, price_minor, currency from orders.catalog where sku = any($1::text[])";

  static final String UPSERT_CATALOG = """
      insert into orders.catalog (sku, name, price_minor, currency) values ($1, $2, $3, $4)
      on conflict (sku) do update set name = excluded.name, price_minor = excluded.price_minor, currency = excluded.currency
      """;

  static final String CLEAR_CATALOG = "truncate orders.catalog";
}
