package org.orderplatform.delivery.domain;

import org.orderplatform.events.DeliveryEvent;

/** What a command does to a shipment. */
public sealed interface Decision {

  /** The shipment moves on and says so. */
  record Moved(Shipment shipment, DeliveryEvent event) implements Decision {
  }

  /**
   * Nothing changes, but the asker hears back: a cancellation refused after dispatch, or asked
   * again of a shipment already cancelled.
   */
  record Answered(DeliveryEvent event) implements Decision {
  }

  /** A carrier report the table does not allow from where the shipment is: nothing changes. */
  record Illegal(ShipmentStatus from, ShipmentStatus to) implements Decision {
  }
}
