package org.orderplatform.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.order.persistence.OrderRepository;
import org.orderplatform.order.persistence.OrderStreams;

import java.util.List;
import java.util.UUID;

/**
 * Keeps the {@code orders} read model: for each order a batch of its events touches, folds its
 * stream and writes the row. A row only ever moves to a newer fold, so a replay from position 0
 * after a wipe gives the same table.
 */
final class OrderViewProjection implements EventHandler<OrderEvent> {

  private final OrderRepository repository;

  OrderViewProjection(OrderRepository repository) {
    this.repository = repository;
  }

  @Override
  public Future<Void> handle(Envelope<? extends OrderEvent> envelope, SqlConnection tx) {
    return handleAll(List.of(envelope), tx);
  }

  @Override
  public Future<Void> handleAll(List<Envelope<? extends OrderEvent>> envelopes, SqlConnection tx) {
    List<UUID> orderIds = envelopes.stream().map(e -> e.payload().orderId()).distinct().toList();
    return OrderStreams.load(tx, orderIds).compose(orders -> repository.upsertViews(tx, orders.values()));
  }

  Future<Void> reset(SqlConnection tx) {
    return repository.clearViews(tx);
  }
}
