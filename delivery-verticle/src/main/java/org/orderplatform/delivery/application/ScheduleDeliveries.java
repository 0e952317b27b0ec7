package org.orderplatform.delivery.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.delivery.domain.AutoProgress;
import org.orderplatform.delivery.domain.Carriers;
import org.orderplatform.delivery.domain.Shipment;
import org.orderplatform.delivery.persistence.ShipmentRepository;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The saga's {@code DeliveryRequested}: one shipment per order, with the carrier of its destination
 * country, announced by {@code DeliveryScheduled}, for a whole batch in one transaction. A second
 * request for an order (in the batch or long after) schedules nothing and announces nothing: the
 * first answer stands.
 */
public final class ScheduleDeliveries {

  private final ShipmentRepository repository;
  private final Carriers carriers;
  private final AutoProgress autoProgress;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public ScheduleDeliveries(ShipmentRepository repository, Carriers carriers, AutoProgress autoProgress, Clock clock,
                            Supplier<UUID> ids) {
    this.repository = repository;
    this.carriers = carriers;
    this.autoProgress = autoProgress;
    this.clock = clock;
    this.ids = ids;
  }

  public Future<Void> schedule(List<Envelope<OrderEvent.DeliveryRequested>> requests, SqlConnection tx) {
    if (requests.isEmpty()) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    Map<UUID, Envelope<OrderEvent.DeliveryRequested>> first = new LinkedHashMap<>();
    requests.forEach(request -> first.putIfAbsent(request.payload().orderId(), request));
    Map<UUID, Shipment.Scheduled> scheduled = new LinkedHashMap<>();
    first.forEach((orderId, request) -> scheduled.put(orderId,
        Shipment.schedule(request.payload(), ids.get(), now, carriers, autoProgress)));
    return repository.insertNew(tx, scheduled.values().stream().map(Shipment.Scheduled::shipment).toList())
        .compose(inserted -> {
          List<Envelope<DeliveryEvent>> answers = new ArrayList<>();
          first.forEach((orderId, request) -> {
            if (inserted.contains(orderId)) {
              answers.add(request.causing(scheduled.get(orderId).event(), ids.get(), now));
            }
          });
          return answers.isEmpty() ? Future.succeededFuture() : EventLog.append(tx, answers);
        });
  }
}
