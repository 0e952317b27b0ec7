package org.orderplatform.inventory.persistence;

final class InventorySql {

  private InventorySql() {
  }

  static final String INSERT_PRODUCT = """
      insert into inventory.products (sku, name, price_minor, currency, on_hand)
      values ($1, $2, $3, $4, $5)
      on conflict (sku) do nothing
      """;

  static final String LIST_PRODUCTS = """
      select sku, name, price_minor, currency, on_hand, reserved from inventory.products order by sku limit $1
      """;

  static final String FIND_PRODUCT = """
      select sku, name, price_minor, currency, on_hand, reserved from inventory.products where sku = $1
      """;

  // Locks in SKU order so two orders touching the same products cannot deadlock.
  static final String LOCK_STOCK = """
      select sku, on_hand, reserved from inventory.products where sku = any($1::text[]) order by sku for update
      """;

  // One row per SKU: an UPDATE ... FROM applies only one of several matching rows.
  static final String RESERVE = """
      update inventory.products p set reserved = p.reserved + r.quantity, updated_at = now()
        from unnest($1::text[], $2::int[]) as r(sku, quantity)
       where p.sku = r.sku
      """;

  static final String RECORD_RESERVATIONS = """
      insert into inventory.reservations (order_id, sku, quantity, status)
      select order_id, sku, quantity, 'reserved' from unnest($1::uuid[], $2::text[], $3::int[]) as r(order_id, sku, quantity)
      """;

  static final String DECIDED = "select order_id from inventory.decisions where order_id = any($1::uuid[])";

  // A concurrent duplicate that got past DECIDED fails here with 23505 and rolls back whole.
  static final String RECORD_DECISIONS = """
      insert into inventory.decisions (order_id, outcome) select * from unnest($1::uuid[], $2::text[])
      """;

  static final String RESTOCK = """
      update inventory.products set on_hand = on_hand + $2, updated_at = now() where sku = $1
      returning sku, name, price_minor, currency, on_hand, reserved
      """;

  static final String HELD = """
      select order_id, sku, quantity from inventory.reservations
       where order_id = any($1::uuid[]) and status = 'reserved'
      """;

  static final String MARK_RELEASED = """
      update inventory.reservations set status = 'released'
       where order_id = any($1::uuid[]) and status = 'reserved'
      returning order_id, sku, quantity
      """;

  // One row per SKU, as for RESERVE.
  static final String UNRESERVE = """
      update inventory.products p set reserved = p.reserved - r.quantity, updated_at = now()
        from unnest($1::text[], $2::int[]) as r(sku, quantity)
       where p.sku = r.sku
      """;

  static final String MARK_SHIPPED = """
      update inventory.reservations set status = 'shipped'
       where order_id = any($1::uuid[]) and status = 'reserved'
      returning order_id, sku, quantity
      """;

  // The units leave the shelf: on hand and reserved drop together, so available stays as it was.
  // One row per SKU, as for RESERVE.
  static final String SHIP = """
      update inventory.products p
         set on_hand = p.on_hand - r.quantity, reserved = p.reserved - r.quantity, updated_at = now()
        from unnest($1::text[], $2::int[]) as r(sku, quantity)
       where p.sku = r.sku
      """;
}
