package org.orderplatform.order.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Event;
import org.orderplatform.order.domain.OrderSaga;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.order.persistence.OrderStreams;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The saga's use case for participants' replies (stock reserved or rejected or released, payment
 * authorised, declined, unavailable or refunded), a batch at a time in the inbox's transaction:
 * load the orders' streams, let {@link OrderSaga} decide per reply, append the events and set the
 * timers. When another writer (the deadline scanner) moved an order on meanwhile, the append fails,
 * the transaction rolls back and the batch is delivered again to decide on the newer state.
 */
public final class AdvanceSaga {

  private final Clock clock;
  private final Supplier<UUID> ids;
  private final SagaSettings settings;
  private final OrderMeters meters;

  public AdvanceSaga(Clock clock, Supplier<UUID> ids, SagaSettings settings, OrderMeters meters) {
    this.clock = clock;
    this.ids = ids;
    this.settings = settings;
    this.meters = meters;
  }

  public Future<Void> onReplies(List<Envelope<? extends Event>> replies, SqlConnection tx) {
    List<UUID> orderIds = replies.stream().map(reply -> UUID.fromString(reply.aggregateId())).distinct().toList();
    return OrderStreams.load(tx, orderIds).compose(orders -> {
      Instant now = clock.instant();
      SagaWrites writes = new SagaWrites(orders, now, ids, meters);
      for (Envelope<? extends Event> reply : replies) {
        UUID orderId = UUID.fromString(reply.aggregateId());
        OrderState order = writes.order(orderId);
        if (order == null) {
          return Future.failedFuture(new IllegalStateException("no order " + orderId + " for " + reply.type()));
        }
        var context = new OrderSaga.Context(now, ids.get(), settings.paymentDeadline(), settings.retryFirst(),
            settings.retryMax());
        writes.record(orderId, OrderSaga.react(order, reply.payload(), context), reply);
      }
      return writes.write(tx);
    });
  }
}
