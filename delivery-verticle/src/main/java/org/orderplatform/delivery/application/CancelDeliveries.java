package org.orderplatform.delivery.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.delivery.domain.AutoProgress;
import org.orderplatform.delivery.domain.Decision;
import org.orderplatform.delivery.domain.Shipment;
import org.orderplatform.delivery.domain.ShipmentCommand;
import org.orderplatform.delivery.persistence.ShipmentRepository;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The saga's {@code DeliveryCancellationRequested}, a batch in one transaction: a shipment not yet
 * dispatched is cancelled ({@code DeliveryCancelled}, again for one already cancelled); one
 * dispatched, delivered or failed stays as it is ({@code DeliveryCancellationRefused}).
 *
 * <p>An order with no shipment cannot happen: the saga asks to cancel only a delivery it
 * requested, and both requests travel in one group, in log order. Rather than invent an answer,
 * the batch fails, so the request is retried on its own and then dead-letters for an operator.
 */
public final class CancelDeliveries {

  /** A cancellation for an order this service never scheduled. */
  public static final class NoShipment extends IllegalStateException {
    public NoShipment(UUID orderId) {
      super("no shipment for order " + orderId + " to cancel: its DeliveryRequested never arrived");
    }
  }

  private final ShipmentRepository repository;
  private final AutoProgress autoProgress;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public CancelDeliveries(ShipmentRepository repository, AutoProgress autoProgress, Clock clock, Supplier<UUID> ids) {
    this.repository = repository;
    this.autoProgress = autoProgress;
    this.clock = clock;
    this.ids = ids;
  }

  public Future<Void> cancel(List<Envelope<OrderEvent.DeliveryCancellationRequested>> requests, SqlConnection tx) {
    if (requests.isEmpty()) {
      return Future.succeededFuture();
    }
    List<UUID> orderIds = requests.stream().map(r -> r.payload().orderId()).distinct().sorted().toList();
    return repository.lockByOrders(tx, orderIds).compose(locked -> {
      Instant now = clock.instant();
      Map<UUID, Shipment> current = new HashMap<>(locked);
      Map<UUID, Shipment> changed = new LinkedHashMap<>();
      List<Envelope<DeliveryEvent>> answers = new ArrayList<>();
      for (Envelope<OrderEvent.DeliveryCancellationRequested> request : requests) {
        OrderEvent.DeliveryCancellationRequested asked = request.payload();
        Shipment shipment = current.get(asked.orderId());
        if (shipment == null) {
          return Future.failedFuture(new NoShipment(asked.orderId()));
        }
        Decision decision = shipment.decide(new ShipmentCommand.Cancel(asked.reason()), now, autoProgress);
        if (decision instanceof Decision.Moved moved) {
          current.put(asked.orderId(), moved.shipment());
          changed.put(asked.orderId(), moved.shipment());
          answers.add(request.causing(moved.event(), ids.get(), now));
        } else if (decision instanceof Decision.Answered answered) {
          answers.add(request.causing(answered.event(), ids.get(), now));
        } else {
          return Future.failedFuture(new IllegalStateException("a cancellation is always answered: " + decision));
        }
      }
      return Future.all(repository.save(tx, List.copyOf(changed.values())), EventLog.append(tx, answers)).mapEmpty();
    });
  }
}
