package org.orderplatform.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.notification.persistence.NotificationRepository;

import java.util.List;

/** Keeps which customer placed which order, from {@code OrderPlaced}; rebuildable from the log at any time. */
final class CustomerProjection implements EventHandler<OrderEvent> {

  private final NotificationRepository repository;

  CustomerProjection(NotificationRepository repository) {
    this.repository = repository;
  }

  @Override
  public Future<Void> handle(Envelope<? extends OrderEvent> envelope, SqlConnection tx) {
    return handleAll(List.of(envelope), tx);
  }

  @Override
  public Future<Void> handleAll(List<Envelope<? extends OrderEvent>> envelopes, SqlConnection tx) {
    return repository.recordCustomers(tx, envelopes.stream().map(Envelope::payload)
        .filter(OrderEvent.OrderPlaced.class::isInstance).map(OrderEvent.OrderPlaced.class::cast).toList());
  }

  Future<Void> reset(SqlConnection tx) {
    return repository.clearCustomers(tx);
  }
}
