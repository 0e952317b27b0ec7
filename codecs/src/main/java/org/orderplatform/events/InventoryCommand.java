package org.orderplatform.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Requests to the inventory service. */
public sealed interface InventoryCommand extends Command, AboutAnOrder {

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  record ReserveStock(UUID orderId, List<StockLine> lines) implements InventoryCommand {
    public ReserveStock {
      Objects.requireNonNull(orderId, "orderId");
      lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
  }

  /** Compensation: give back whatever the order holds (nothing, if it holds nothing). */
  record ReleaseStock(UUID orderId, String reason) implements InventoryCommand {
    public ReleaseStock {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
