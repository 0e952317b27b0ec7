package org.orderplatform.delivery.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a shipment is, and the one transition table: SCHEDULED → DISPATCHED → DELIVERED,
 * SCHEDULED/DISPATCHED → FAILED, SCHEDULED → CANCELLED. Anything else is illegal.
 */
public enum ShipmentStatus {
  SCHEDULED, DISPATCHED, DELIVERED, FAILED, CANCELLED;

  private static final Map<ShipmentStatus, Set<ShipmentStatus>> NEXT = Map.of(
      SCHEDULED, EnumSet.of(DISPATCHED, FAILED, CANCELLED),
      DISPATCHED, EnumSet.of(DELIVERED, FAILED),
      DELIVERED, EnumSet.noneOf(ShipmentStatus.class),
      FAILED, EnumSet.noneOf(ShipmentStatus.class),
      CANCELLED, EnumSet.noneOf(ShipmentStatus.class));

  public boolean canBecome(ShipmentStatus next) {
    return NEXT.get(this).contains(next);
  }

  public boolean isFinal() {
    return NEXT.get(this).isEmpty();
  }

  /** As stored and as the HTTP API shows it: {@code scheduled}, {@code dispatched}… */
  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ShipmentStatus fromDb(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
