package org.orderplatform.payment.persistence;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent.PaymentRequested;
import org.orderplatform.payment.domain.OrderPayment;
import org.orderplatform.payment.domain.Payment;
import org.orderplatform.payment.domain.PaymentStatus;
import org.orderplatform.payment.domain.Refund;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Orders' charges and refunds in the {@code payment} schema. */
public final class PaymentRepository {

  private final Pool pool;

  public PaymentRepository(Pool pool) {
    this.pool = pool;
  }

  /** Notes charges about to be asked for, each in a statement of its own transaction, before any call. */
  public Future<Void> recordRequests(List<PaymentRequested> requests) {
    if (requests.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(PaymentSql.RECORD_REQUESTS).execute(Tuple.of(
        requests.stream().map(PaymentRequested::orderId).toArray(UUID[]::new),
        requests.stream().map(PaymentRequested::paymentId).toArray(UUID[]::new),
        requests.stream().map(r -> r.amount().minor()).toArray(Long[]::new),
        requests.stream().map(r -> r.amount().currency()).toArray(String[]::new),
        requests.stream().map(PaymentRequested::paymentToken).toArray(String[]::new))).mapEmpty();
  }

  /** Every given order's state; an order the service never heard of has neither payment nor refund. */
  public Future<Map<UUID, OrderPayment>> load(List<UUID> orderIds) {
    Tuple ids = Tuple.of((Object) orderIds.toArray(UUID[]::new));
    var payments = pool.preparedQuery(PaymentSql.LOAD_PAYMENTS).execute(ids);
    var refunds = pool.preparedQuery(PaymentSql.LOAD_REFUNDS).execute(ids);
    return Future.all(payments, refunds).map(v -> {
      Map<UUID, Payment> paid = new HashMap<>();
      payments.result().forEach(row -> paid.put(row.getUUID("order_id"), new Payment(row.getUUID("payment_id"),
          new Money(row.getLong("amount_minor"), row.getString("currency")), row.getString("token"),
          PaymentStatus.fromDb(row.getString("status")), row.getString("provider_reference"), row.getString("reason"))));
      Map<UUID, Refund> refunded = new HashMap<>();
      refunds.result().forEach(row -> refunded.put(row.getUUID("order_id"), new Refund(row.getUUID("payment_id"),
          new Money(row.getLong("amount_minor"), row.getString("currency")), row.getString("provider_reference"),
          row.getString("reason"))));
      Map<UUID, OrderPayment> states = new HashMap<>();
      orderIds.forEach(id -> states.put(id, new OrderPayment(id, paid.get(id), refunded.get(id))));
      return states;
    });
  }

  /** Saves the orders' payment states (their rows exist: requests were recorded first) and their refunds. */
  public Future<Void> save(SqlConnection tx, List<OrderPayment> states) {
    List<OrderPayment> paid = states.stream().filter(s -> s.payment() != null).toList();
    List<OrderPayment> refunded = states.stream().filter(s -> s.refund() != null).toList();
    Future<?> payments = paid.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(PaymentSql.SAVE_PAYMENTS)
        .execute(Tuple.of(paid.stream().map(OrderPayment::orderId).toArray(UUID[]::new),
            paid.stream().map(s -> s.payment().status().dbName()).toArray(String[]::new),
            paid.stream().map(s -> s.payment().providerReference()).toArray(String[]::new),
            paid.stream().map(s -> s.payment().reason()).toArray(String[]::new)));
    Future<?> refunds = refunded.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(PaymentSql.SAVE_REFUNDS)
        .execute(Tuple.of(refunded.stream().map(OrderPayment::orderId).toArray(UUID[]::new),
            refunded.stream().map(s -> s.refund().paymentId()).toArray(UUID[]::new),
            refunded.stream().map(s -> s.refund().amount().minor()).toArray(Long[]::new),
            refunded.stream().map(s -> s.refund().amount().currency()).toArray(String[]::new),
            refunded.stream().map(s -> s.refund().providerReference()).toArray(String[]::new),
            refunded.stream().map(s -> s.refund().reason()).toArray(String[]::new)));
    return Future.all(payments, refunds).mapEmpty();
  }

  /** An order's payment and refund as {@code GET /payments/{orderId}} shows them; empty when it has neither. */
  public Future<Optional<JsonObject>> view(UUID orderId) {
    return pool.preparedQuery(PaymentSql.FIND).execute(Tuple.of(orderId)).map(rows -> {
      Row row = rows.iterator().next();
      if (row.getUUID("payment_id") == null && row.getUUID("refund_payment_id") == null) {
        return Optional.empty();
      }
      JsonObject view = new JsonObject().put("orderId", orderId.toString());
      if (row.getUUID("payment_id") != null) {
        view.put("paymentId", row.getUUID("payment_id").toString()).put("status", row.getString("status"))
            .put("amount", amount(row.getLong("amount_minor"), row.getString("currency")))
            .put("providerReference", row.getString("provider_reference")).put("reason", row.getString("reason"))
            .put("requestedAt", Objects.toString(row.getOffsetDateTime("requested_at")))
            .put("updatedAt", Objects.toString(row.getOffsetDateTime("updated_at")));
      } else {
        view.put("status", "not-requested");
      }
      view.put("refund", row.getUUID("refund_payment_id") == null ? null : new JsonObject()
          .put("amount", amount(row.getLong("refund_minor"), row.getString("refund_currency")))
          .put("providerReference", row.getString("refund_reference")).put("reason", row.getString("refund_reason"))
          .put("refundedAt", Objects.toString(row.getOffsetDateTime("refunded_at"))));
      return Optional.of(view);
    });
  }

  private static JsonObject amount(long minor, String currency) {
    return new JsonObject().put("minor", minor).put("currency", currency);
  }
}
