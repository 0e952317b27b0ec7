package org.orderplatform.order.persistence;

final class OrderSql {

  private OrderSql() {
  }

  // The read model: a row is written only by a newer fold of its order than the one it holds.
  static final String UPSERT_VIEWS = """
      insert into orders.orders (order_id, customer_id, status, lines, total_minor, currency, shipping_address,
                                 reason, version, placed_at, updated_at, payment_id, refunded)
      select o.order_id, o.customer_id, o.status, o.lines::jsonb, o.total_minor, o.currency, o.shipping_address::jsonb,
             o.reason, o.version, o.placed_at, o.updated_at, o.payment_id, o.refunded
        from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[],
                    $9::int[], $10::timestamptz[], $11::timestamptz[], $12::uuid[], $13::boolean[])
             as o(order_id, customer_id, status, lines, total_minor, currency, shipping_address, reason, version,
                  placed_at, updated_at, payment_id, refunded)
      on conflict (order_id) do update
         set status = excluded.status, reason = excluded.reason, version = excluded.version,
             updated_at = excluded.updated_at, payment_id = excluded.payment_id, refunded = excluded.refunded
       where orders.version < excluded.version
      """;

  static final String CLEAR_VIEWS = "truncate orders.orders";

  // The filters (each a constant fragment, the values bound) go between these two; the order by
  // matches the indexes of V3__order_list.sql.
  static final String LIST = """
      select order_id, customer_id, status, total_minor, currency, reason, placed_at, updated_at from orders.orders""";

  static final String LIST_ORDER = " order by placed_at desc, order_id desc limit $";

  static final String PRICES = "select sku, price_minor, currency from orders.catalog where sku = any($1::text[])";

  static final String UPSERT_CATALOG = """
      insert into orders.catalog (sku, name, price_minor, currency) values ($1, $2, $3, $4)
      on conflict (sku) do update set name = excluded.name, price_minor = excluded.price_minor, currency = excluded.currency
      """;

  static final String CLEAR_CATALOG = "truncate orders.catalog";

  static final String SCHEDULE_DEADLINES = """
      insert into orders.deadlines (order_id, kind, due_at)
      select * from unnest($1::uuid[], $2::text[], $3::timestamptz[])
      on conflict (order_id, kind) do update set due_at = excluded.due_at
      """;

  static final String CANCEL_DEADLINES = """
      delete from orders.deadlines d
       using unnest($1::uuid[], $2::text[]) as c(order_id, kind)
       where d.order_id = c.order_id and d.kind = c.kind
      """;

  // Claims the due deadlines: they are deleted in the claiming transaction, so a crash before its
  // commit leaves them due, and a second scanner skips rows the first one holds.
  static final String CLAIM_DUE = """
      delete from orders.deadlines d
       using (select order_id, kind from orders.deadlines
               where due_at <= $1 order by due_at limit $2 for update skip locked) due
       where d.order_id = due.order_id and d.kind = due.kind
      returning d.order_id, d.kind, d.due_at
      """;

  static final String INSERT_KEYS = """
      insert into orders.idempotency_keys (key, request_hash, order_id)
      select * from unnest($1::text[], $2::text[], $3::uuid[])
      """;

  static final String FIND_KEY = "select request_hash, order_id from orders.idempotency_keys where key = $1";

  static final String KEY_CONSTRAINT = "idempotency_keys_pkey";
}
