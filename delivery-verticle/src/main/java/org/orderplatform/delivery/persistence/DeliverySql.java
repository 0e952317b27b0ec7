package org.orderplatform.delivery.persistence;

final class DeliverySql {

  private DeliverySql() {
  }

  private static final String COLUMNS = """
      delivery_id, order_id, customer_id, address::text as address, lines::text as lines, carrier, tracking_number,
      scheduled_for, estimated_delivery, status, reason, delivered_at, next_step_at, created_at, updated_at
      """;

  // The first request for an order stands; a later one inserts nothing and answers nothing.
  static final String INSERT_NEW = """
      insert into delivery.shipments (delivery_id, order_id, customer_id, address, lines, carrier, tracking_number,
                                      scheduled_for, estimated_delivery, status, next_step_at)
      select delivery_id, order_id, customer_id, address::jsonb, lines::jsonb, carrier, tracking_number,
             scheduled_for, estimated_delivery, 'scheduled', next_step_at
        from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                    $8::timestamptz[], $9::date[], $10::timestamptz[])
          as s(delivery_id, order_id, customer_id, address, lines, carrier, tracking_number, scheduled_for,
               estimated_delivery, next_step_at)
      on conflict (order_id) do nothing
      returning order_id
      """;

  // In order-id order, so two transactions locking several orders' rows cannot deadlock.
  static final String LOCK_BY_ORDERS = "select " + COLUMNS
      + " from delivery.shipments where order_id = any($1::uuid[]) order by order_id for update";

  static final String LOCK_BY_ID = "select " + COLUMNS + " from delivery.shipments where delivery_id = $1 for update";

  static final String FIND_BY_ID = "select " + COLUMNS + " from delivery.shipments where delivery_id = $1";

  static final String FIND_BY_ORDER = "select " + COLUMNS + " from delivery.shipments where order_id = $1";

  // Rows another scanner holds are skipped, not waited for: it is taking their step right now.
  static final String CLAIM_DUE = "select " + COLUMNS + """
       from delivery.shipments where next_step_at <= $1 order by next_step_at limit $2 for update skip locked
      """;

  static final String SAVE = """
      update delivery.shipments s
         set status = n.status, reason = n.reason, delivered_at = n.delivered_at, next_step_at = n.next_step_at,
             updated_at = now()
        from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
          as n(delivery_id, status, reason, delivered_at, next_step_at)
       where s.delivery_id = n.delivery_id
      """;
}
