package org.orderplatform.payment.simulator.persistence;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.payment.simulator.domain.LedgerCharge;
import org.orderplatform.payment.simulator.domain.LedgerRefund;
import org.orderplatform.payment.simulator.domain.RefundDecision;
import org.orderplatform.plumbing.batch.Batcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulated provider's ledger in the {@code payment_provider} schema. New charges are
 * group-committed (see {@link Batcher}): under load one statement records many, which is what lets
 * the whole order flow pass a thousand orders a second.
 */
public final class Ledger {

  /** A charge as asked for; {@code declineReason} null means it is taken. */
  public record NewCharge(String key, String chargeId, long amountMinor, String currency, String token,
                          String declineReason) {
  }

  /** The ledger's charge for a key, and whether this request wrote it (false: the key was seen before). */
  public record Recorded(LedgerCharge charge, boolean fresh) {
  }

  /** What a refund request came to: the decision, and the refund when one was taken or replayed. */
  public record RefundResult(RefundDecision decision, LedgerRefund refund) {
  }

  private final Pool pool;
  private final Batcher<NewCharge, Recorded> charges;

  public Ledger(Pool pool) {
    this.pool = pool;
    this.charges = new Batcher<>(2, 256, this::chargeAll, Ledger::oneRowsFault);
  }

  // Data exceptions (22) and constraint violations (23) belong to one request; anything else would
  // fail every half as well.
  private static boolean oneRowsFault(Throwable error) {
    return error instanceof PgException pg && pg.getSqlState() != null
        && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
  }

  /** Records the charge, or returns the one recorded for its key before. */
  public Future<Recorded> charge(NewCharge charge) {
    return charges.submit(charge);
  }

  private Future<List<Recorded>> chargeAll(List<NewCharge> batch) {
    Tuple params = Tuple.of(column(batch, NewCharge::key), column(batch, NewCharge::chargeId),
        batch.stream().map(NewCharge::amountMinor).toArray(Long[]::new), column(batch, NewCharge::currency),
        column(batch, NewCharge::token), column(batch, NewCharge::declineReason));
    return pool.preparedQuery(LedgerSql.CHARGE).execute(params).compose(rows -> {
      Map<String, Recorded> byKey = recorded(rows);
      String[] missing = batch.stream().map(NewCharge::key).filter(key -> !byKey.containsKey(key)).distinct()
          .toArray(String[]::new);
      if (missing.length == 0) {
        return Future.succeededFuture(byKey);
      }
      return pool.preparedQuery(LedgerSql.FIND_CHARGES).execute(Tuple.of((Object) missing)).map(more -> {
        byKey.putAll(recorded(more));
        return byKey;
      });
    }).map(byKey -> batch.stream().map(charge -> byKey.get(charge.key())).toList());
  }

  private static String[] column(List<NewCharge> batch, Function<NewCharge, String> field) {
    return batch.stream().map(field).toArray(String[]::new);
  }

  private static Map<String, Recorded> recorded(RowSet<Row> rows) {
    Map<String, Recorded> byKey = new HashMap<>();
    rows.forEach(row -> byKey.putIfAbsent(row.getString("idempotency_key"),
        new Recorded(charge(row), row.getBoolean("fresh"))));
    return byKey;
  }

  public Future<LedgerCharge> findCharge(String key) {
    return pool.preparedQuery(LedgerSql.FIND_CHARGES).execute(Tuple.of((Object) new String[] {key}))
        .map(rows -> rows.size() == 0 ? null : charge(rows.iterator().next()));
  }

  /** Takes the refund when the ledger allows it (see {@link RefundDecision}); a refund asked again is replayed. */
  public Future<RefundResult> refund(String key, String refundId, String chargeKey, long amountMinor, String currency) {
    return pool.withTransaction(tx -> tx.preparedQuery(LedgerSql.LOCK_CHARGE).execute(Tuple.of(chargeKey))
        .compose(charged -> tx.preparedQuery(LedgerSql.REFUND_OF).execute(Tuple.of(key, chargeKey)).compose(earlier -> {
          LedgerCharge charge = charged.size() == 0 ? null : charge(charged.iterator().next());
          LedgerRefund before = earlier.size() == 0 ? null : refund(earlier.iterator().next());
          RefundDecision decision = RefundDecision.decide(key, charge, before, amountMinor, currency);
          if (decision instanceof RefundDecision.Take) {
            return tx.preparedQuery(LedgerSql.INSERT_REFUND)
                .execute(Tuple.of(key, refundId, chargeKey, amountMinor, currency))
                .map(rows -> new RefundResult(decision, refund(rows.iterator().next())));
          }
          return Future.succeededFuture(new RefundResult(decision,
              decision instanceof RefundDecision.Replay replay ? replay.refund() : null));
        })));
  }

  /** The latest charges and refunds, newest first, for an audit. */
  public Future<List<LedgerCharge>> recentCharges(int limit) {
    return pool.preparedQuery(LedgerSql.RECENT_CHARGES).execute(Tuple.of(limit)).map(rows -> {
      List<LedgerCharge> list = new ArrayList<>();
      rows.forEach(row -> list.add(charge(row)));
      return list;
    });
  }

  public Future<List<LedgerRefund>> recentRefunds(int limit) {
    return pool.preparedQuery(LedgerSql.RECENT_REFUNDS).execute(Tuple.of(limit)).map(rows -> {
      List<LedgerRefund> list = new ArrayList<>();
      rows.forEach(row -> list.add(refund(row)));
      return list;
    });
  }

  private static LedgerCharge charge(Row row) {
    return new LedgerCharge(row.getString("idempotency_key"), row.getString("charge_id"), row.getLong("amount_minor"),
        row.getString("currency"), row.getString("token"), row.getString("decline_reason"),
        row.getOffsetDateTime("created_at").toInstant());
  }

  private static LedgerRefund refund(Row row) {
    return new LedgerRefund(row.getString("idempotency_key"), row.getString("refund_id"), row.getString("charge_key"),
        row.getLong("amount_minor"), row.getString("currency"), row.getOffsetDateTime("created_at").toInstant());
  }
}
