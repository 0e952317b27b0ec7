package org.orderplatform.payment.persistence;

final class PaymentSql {

  private PaymentSql() {
  }

  // The first request for an order stands: a later one (the saga asking again) changes nothing,
  // since the provider keys the charge by the order id anyway.
  static final String RECORD_REQUESTS = """
      insert into payment.payments (order_id, payment_id, amount_minor, currency, token, status)
      select order_id, payment_id, amount_minor, currency, token, 'requested'
        from unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[])
          as r(order_id, payment_id, amount_minor, currency, token)
      on conflict (order_id) do nothing
      """;

  static final String LOAD_PAYMENTS = """
      select order_id, payment_id, amount_minor, currency, token, status, provider_reference, reason
        from payment.payments where order_id = any($1::uuid[])
      """;

  static final String LOAD_REFUNDS = """
      select order_id, payment_id, amount_minor, currency, provider_reference, reason
        from payment.refunds where order_id = any($1::uuid[])
      """;

  static final String SAVE_PAYMENTS = """
      update payment.payments p
         set status = s.status, provider_reference = s.provider_reference, reason = s.reason, updated_at = now()
        from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as s(order_id, status, provider_reference, reason)
       where p.order_id = s.order_id
      """;

  // A refund is answered once; the first answer recorded stands.
  static final String SAVE_REFUNDS = """
      insert into payment.refunds (order_id, payment_id, amount_minor, currency, provider_reference, reason)
      select * from unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::text[])
      on conflict (order_id) do nothing
      """;

  static final String FIND = """
      select k.order_id, p.payment_id, p.amount_minor, p.currency, p.status, p.provider_reference, p.reason,
             p.requested_at, p.updated_at, r.payment_id as refund_payment_id, r.amount_minor as refund_minor,
             r.currency as refund_currency, r.provider_reference as refund_reference, r.reason as refund_reason,
             r.refunded_at
        from (select $1::uuid as order_id) k
        left join payment.payments p on p.order_id = k.order_id
        left join payment.refunds r on r.order_id = k.order_id
      """;
}
