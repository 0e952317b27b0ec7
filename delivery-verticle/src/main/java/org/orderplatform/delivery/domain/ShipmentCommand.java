package org.orderplatform.delivery.domain;

import java.util.Objects;

/** What can be asked of a shipment: the carrier's reports, and the saga's cancellation. */
public sealed interface ShipmentCommand {

  /** The status the shipment would move to. */
  ShipmentStatus target();

  record Dispatch() implements ShipmentCommand {
    @Override
    public ShipmentStatus target() {
      return ShipmentStatus.DISPATCHED;
    }
  }

  record Deliver() implements ShipmentCommand {
    @Override
    public ShipmentStatus target() {
      return ShipmentStatus.DELIVERED;
    }
  }

  record Fail(String reason) implements ShipmentCommand {
    public Fail {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ShipmentStatus target() {
      return ShipmentStatus.FAILED;
    }
  }

  record Cancel(String reason) implements ShipmentCommand {
    public Cancel {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public ShipmentStatus target() {
      return ShipmentStatus.CANCELLED;
    }
  }
}
