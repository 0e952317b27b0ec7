package org.orderplatform.payment.simulator.persistence;

final class LedgerSql {

  private LedgerSql() {
  }

  private static final String CHARGE_COLUMNS =
      "idempotency_key, charge_id, amount_minor, currency, token, decline_reason, created_at";

  // A batch of new charges in one statement; a key seen before keeps its row. The rows inserted
  // come back from the insert, and the rows that were there before from the table: a row
  // committed by a concurrent batch after this statement began is in neither, so the caller
  // reads those again.
  static final String CHARGE = """
      with input as (
        select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[])
          as i(idempotency_key, charge_id, amount_minor, currency, token, decline_reason)
      ), inserted as (
        insert into payment_provider.charges (idempotency_key, charge_id, amount_minor, currency, token, outcome,
                                              decline_reason)
        select idempotency_key, charge_id, amount_minor, currency, token,
               case when decline_reason is null then 'charged' else 'declined' end, decline_reason
          from input
        on conflict (idempotency_key) do nothing
        returning %1$s
      )
      select %1$s, true as fresh from inserted
      union all
      select %1$s, false as fresh from payment_provider.charges c
       where c.idempotency_key in (select idempotency_key from input)
      """.formatted(CHARGE_COLUMNS);

  static final String FIND_CHARGES = "select " + CHARGE_COLUMNS + ", false as fresh from payment_provider.charges"
      + " where idempotency_key = any($1::text[])";

  // The charge's row lock serialises refunds of one charge, so the refund read after it is current.
  static final String LOCK_CHARGE = "select " + CHARGE_COLUMNS + " from payment_provider.charges"
      + " where idempotency_key = $1 for update";

  private static final String REFUND_COLUMNS = "idempotency_key, refund_id, charge_key, amount_minor, currency, created_at";

  static final String REFUND_OF = "select " + REFUND_COLUMNS + " from payment_provider.refunds"
      + " where idempotency_key = $1 or charge_key = $2 order by idempotency_key = $1 desc limit 1";

  static final String INSERT_REFUND = "insert into payment_provider.refunds (" + REFUND_COLUMNS + ")"
      + " values ($1, $2, $3, $4, $5, now()) returning " + REFUND_COLUMNS;

  static final String RECENT_CHARGES = "select " + CHARGE_COLUMNS + " from payment_provider.charges"
      + " order by created_at desc, idempotency_key limit $1";

  static final String RECENT_REFUNDS = "select " + REFUND_COLUMNS + " from payment_provider.refunds"
      + " order by created_at desc, idempotency_key limit $1";
}
