package org.orderplatform.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.payment.application.SettlePayments;
import org.orderplatform.payment.application.Settlement;

import java.util.List;

/**
 * Adapter: the saga's payment and refund requests go to {@link SettlePayments} before the inbox's
 * transaction opens (the provider is called with no connection held); the handler it returns
 * records the outcomes in that transaction.
 */
final class PaymentRequestHandler implements EventHandler<OrderEvent> {

  private final SettlePayments settle;

  PaymentRequestHandler(SettlePayments settle) {
    this.settle = settle;
  }

  @Override
  public Future<EventHandler<OrderEvent>> beforeTransaction(List<Envelope<? extends OrderEvent>> envelopes) {
    return settle.settle(envelopes).map(Recording::new);
  }

  // Only the handler beforeTransaction returns runs in the transaction.
  @Override
  public Future<Void> handle(Envelope<? extends OrderEvent> envelope, SqlConnection tx) {
    return Future.failedFuture(new IllegalStateException("payment requests are settled before the transaction"));
  }

  private record Recording(Settlement settlement) implements EventHandler<OrderEvent> {

    @Override
    public Future<Void> handle(Envelope<? extends OrderEvent> envelope, SqlConnection tx) {
      return handleAll(List.of(envelope), tx);
    }

    @Override
    public Future<Void> handleAll(List<Envelope<? extends OrderEvent>> envelopes, SqlConnection tx) {
      return settlement.record(envelopes, tx);
    }
  }
}
