package org.orderplatform.delivery;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.delivery.application.CancelDeliveries;
import org.orderplatform.delivery.application.ScheduleDeliveries;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.EventHandler;

import java.util.List;

/**
 * Adapter: the saga's delivery requests on the delivery group, a batch at a time: requests go to
 * {@link ScheduleDeliveries}, cancellations to {@link CancelDeliveries}. Scheduling runs first: an
 * order's cancellation always follows its request in the log, and both may share a batch.
 */
final class DeliveryRequestHandler implements EventHandler<OrderEvent> {

  private final ScheduleDeliveries schedule;
  private final CancelDeliveries cancel;

  DeliveryRequestHandler(ScheduleDeliveries schedule, CancelDeliveries cancel) {
    this.schedule = schedule;
    this.cancel = cancel;
  }

  @Override
  public Future<Void> handle(Envelope<? extends OrderEvent> envelope, SqlConnection tx) {
    return handleAll(List.of(envelope), tx);
  }

  @Override
  public Future<Void> handleAll(List<Envelope<? extends OrderEvent>> envelopes, SqlConnection tx) {
    return schedule.schedule(Envelope.ofType(envelopes, OrderEvent.DeliveryRequested.class), tx)
        .compose(v -> cancel.cancel(Envelope.ofType(envelopes, OrderEvent.DeliveryCancellationRequested.class), tx));
  }
}
