package org.orderplatform.delivery.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.delivery.domain.AutoProgress;
import org.orderplatform.delivery.domain.Decision;
import org.orderplatform.delivery.domain.Shipment;
import org.orderplatform.delivery.domain.ShipmentCommand;
import org.orderplatform.delivery.domain.ShipmentStatus;
import org.orderplatform.delivery.persistence.ShipmentRepository;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The carrier's reports on a shipment: dispatched, delivered, failed. Each one, in one
 * transaction, locks the shipment's row, asks the state machine, and saves the new state with its
 * event ({@code DeliveryDispatched}, {@code DeliveryCompleted}, {@code DeliveryFailed}).
 * A report the table does not allow changes nothing.
 */
public final class CarrierReports {

  /** How a report ended. */
  public sealed interface Outcome {
    record Recorded(Shipment shipment) implements Outcome {
    }

    record UnknownShipment(UUID deliveryId) implements Outcome {
    }

    record IllegalTransition(Shipment shipment, ShipmentStatus to) implements Outcome {
    }
  }

  private final Pool pool;
  private final ShipmentRepository repository;
  private final AutoProgress autoProgress;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public CarrierReports(Pool pool, ShipmentRepository repository, AutoProgress autoProgress, Clock clock,
                        Supplier<UUID> ids) {
    this.pool = pool;
    this.repository = repository;
    this.autoProgress = autoProgress;
    this.clock = clock;
    this.ids = ids;
  }

  /** @param traceparent the request's W3C trace context, or null */
  public Future<Outcome> dispatched(UUID deliveryId, String traceparent) {
    return report(deliveryId, new ShipmentCommand.Dispatch(), traceparent);
  }

  public Future<Outcome> delivered(UUID deliveryId, String traceparent) {
    return report(deliveryId, new ShipmentCommand.Deliver(), traceparent);
  }

  /** @param reason non-blank, checked by the caller */
  public Future<Outcome> failed(UUID deliveryId, String reason, String traceparent) {
    return report(deliveryId, new ShipmentCommand.Fail(reason), traceparent);
  }

  private Future<Outcome> report(UUID deliveryId, ShipmentCommand command, String traceparent) {
    return pool.<Outcome>withTransaction(tx -> repository.lockById(tx, deliveryId).<Outcome>compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new Outcome.UnknownShipment(deliveryId));
      }
      Shipment shipment = found.get();
      Instant now = clock.instant();
      Decision decision = shipment.decide(command, now, autoProgress);
      if (!(decision instanceof Decision.Moved moved)) {
        return Future.succeededFuture(new Outcome.IllegalTransition(shipment, command.target()));
      }
      // Carrier callbacks start no saga step of their own: the order id correlates them with the order's flow.
      var event = Envelope.of(moved.event(), ids.get(), now, shipment.orderId(), null, traceparent);
      return Future.all(repository.save(tx, List.of(moved.shipment())), EventLog.append(tx, event))
          .map((Outcome) new Outcome.Recorded(moved.shipment()));
    }));
  }
}
