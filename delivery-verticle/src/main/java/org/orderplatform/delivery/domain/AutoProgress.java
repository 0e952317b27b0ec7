package org.orderplatform.delivery.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Demo mode: a shipment advances by itself, SCHEDULED → DISPATCHED after one interval and
 * DISPATCHED → DELIVERED after another. The next step's due time is stored with the shipment.
 *
 * @param every empty: off, shipments move only on the carrier's reports
 */
public record AutoProgress(Optional<Duration> every) {

  public static final AutoProgress OFF = new AutoProgress(Optional.empty());

  public static AutoProgress every(Duration interval) {
    return new AutoProgress(Optional.of(interval));
  }

  public boolean enabled() {
    return every.isPresent();
  }

  /** When a shipment just moved to {@code status} at {@code now} should take its next step; null for none. */
  public Instant nextStepAt(ShipmentStatus status, Instant now) {
    return every.isPresent() && nextStep(status).isPresent() ? now.plus(every.get()) : null;
  }

  /** The step a shipment in {@code status} takes by itself. */
  public static Optional<ShipmentCommand> nextStep(ShipmentStatus status) {
    return switch (status) {
      case SCHEDULED -> Optional.of(new ShipmentCommand.Dispatch());
      case DISPATCHED -> Optional.of(new ShipmentCommand.Deliver());
      default -> Optional.empty();
    };
  }
}
