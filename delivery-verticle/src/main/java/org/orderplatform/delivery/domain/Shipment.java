package org.orderplatform.delivery.domain;

import org.orderplatform.events.Address;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.StockLine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One order's shipment and its state machine (see {@link ShipmentStatus} for the table). Time and
 * ids are passed in.
 *
 * @param reason     why it failed or was cancelled; null otherwise
 * @param deliveredAt when the carrier delivered it; null before
 * @param nextStepAt when {@link AutoProgress} moves it on by itself; null when it will not
 */
public record Shipment(UUID deliveryId, UUID orderId, String customerId, Address address, List<StockLine> lines,
                       String carrier, String trackingNumber, Instant scheduledFor, LocalDate estimatedDelivery,
                       ShipmentStatus status, String reason, Instant deliveredAt, Instant nextStepAt) {

  public Shipment {
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(address, "address");
    lines = List.copyOf(lines);
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(trackingNumber, "trackingNumber");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(estimatedDelivery, "estimatedDelivery");
    Objects.requireNonNull(status, "status");
  }

  /** A new shipment and the event that announces it. */
  public record Scheduled(Shipment shipment, DeliveryEvent.DeliveryScheduled event) {
  }

  /**
   * Schedules the requested delivery at {@code now} with the carrier for its country: due the
   * carrier's number of days after the day it is scheduled (UTC).
   */
  public static Scheduled schedule(OrderEvent.DeliveryRequested request, UUID deliveryId, Instant now, Carriers carriers,
                                   AutoProgress auto) {
    Carrier carrier = carriers.forCountry(request.shippingAddress().country());
    String tracking = carrier.trackingNumber(deliveryId);
    LocalDate due = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(carrier.days());
    Shipment shipment = new Shipment(deliveryId, request.orderId(), request.customerId(), request.shippingAddress(),
        request.lines(), carrier.name(), tracking, now, due, ShipmentStatus.SCHEDULED, null, null,
        auto.nextStepAt(ShipmentStatus.SCHEDULED, now));
    return new Scheduled(shipment, new DeliveryEvent.DeliveryScheduled(request.orderId(), deliveryId,
        request.shippingAddress(), now, carrier.name(), tracking, due));
  }

  /** What {@code command} does at {@code now}. */
  public Decision decide(ShipmentCommand command, Instant now, AutoProgress auto) {
    if (command instanceof ShipmentCommand.Cancel cancel) {
      return cancel(cancel, now);
    }
    if (!status.canBecome(command.target())) {
      return new Decision.Illegal(status, command.target());
    }
    Instant next = auto.nextStepAt(command.target(), now);
    if (command instanceof ShipmentCommand.Dispatch) {
      return new Decision.Moved(moveTo(ShipmentStatus.DISPATCHED, null, null, next),
          new DeliveryEvent.DeliveryDispatched(orderId, deliveryId, trackingNumber));
    }
    if (command instanceof ShipmentCommand.Deliver) {
      return new Decision.Moved(moveTo(ShipmentStatus.DELIVERED, null, now, next),
          new DeliveryEvent.DeliveryCompleted(orderId, deliveryId, now));
    }
    String why = ((ShipmentCommand.Fail) command).reason();
    return new Decision.Moved(moveTo(ShipmentStatus.FAILED, why, deliveredAt, next),
        new DeliveryEvent.DeliveryFailed(orderId, deliveryId, why));
  }

  // The saga hears back every time: cancelled (again), or refused once the parcel left.
  private Decision cancel(ShipmentCommand.Cancel cancel, Instant now) {
    return switch (status) {
      case SCHEDULED -> new Decision.Moved(moveTo(ShipmentStatus.CANCELLED, cancel.reason(), null, null),
          new DeliveryEvent.DeliveryCancelled(orderId, deliveryId, cancel.reason()));
      case CANCELLED -> new Decision.Answered(new DeliveryEvent.DeliveryCancelled(orderId, deliveryId, reason));
      case DISPATCHED, DELIVERED, FAILED -> new Decision.Answered(new DeliveryEvent.DeliveryCancellationRefused(
          orderId, deliveryId, "the shipment is already " + status.dbName()));
    };
  }

  /** The same shipment with no step of its own due. */
  public Shipment withoutNextStep() {
    return moveTo(status, reason, deliveredAt, null);
  }

  private Shipment moveTo(ShipmentStatus next, String why, Instant delivered, Instant nextStep) {
    return new Shipment(deliveryId, orderId, customerId, address, lines, carrier, trackingNumber, scheduledFor,
        estimatedDelivery, next, why, delivered, nextStep);
  }
}
