package org.orderplatform.delivery;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.delivery.application.CancelDeliveries;
import org.orderplatform.delivery.application.ScheduleDeliveries;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.EventHandler;

import java.util.ArrayList;
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
  @SuppressWarnings("unchecked")
  public Future<Void> handleAll(List<Envelope<? extends OrderEvent>> envelopes, SqlConnection tx) {
    List<Envelope<OrderEvent.DeliveryRequested>> requests = new ArrayList<>();
    List<Envelope<OrderEvent.DeliveryCancellationRequested>> cancellations = new ArrayList<>();
    for (Envelope<? extends OrderEvent> envelope : envelopes) {
      if (envelope.payload() instanceof OrderEvent.DeliveryRequested) {
        requests.add((Envelope<OrderEvent.DeliveryRequested>) envelope);
      } else if (envelope.payload() instanceof OrderEvent.DeliveryCancellationRequested) {
        cancellations.add((Envelope<OrderEvent.DeliveryCancellationRequested>) envelope);
      }
    }
    return schedule.schedule(requests, tx).compose(v -> cancel.cancel(cancellations, tx));
  }
}
