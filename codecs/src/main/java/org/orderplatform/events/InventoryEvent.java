package org.orderplatform.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What happened to stock: products stocked, and reservations for orders made, refused or released. */
public sealed interface InventoryEvent extends Event {

  record ProductAdded(String sku, String name, Money price, int initialStock) implements InventoryEvent {
    public ProductAdded {
      Objects.requireNonNull(sku, "sku");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(price, "price");
    }

    @Override
    public String aggregateId() {
      return sku;
    }
  }

  record StockRestocked(String sku, int quantity) implements InventoryEvent {
    public StockRestocked {
      Objects.requireNonNull(sku, "sku");
    }

    @Override
    public String aggregateId() {
      return sku;
    }
  }

  /** Every line of the order is held; keyed by order so the saga sees it in the order's sequence. */
  record StockReserved(UUID orderId, List<StockLine> lines) implements InventoryEvent, AboutAnOrder {
    public StockReserved {
      Objects.requireNonNull(orderId, "orderId");
      lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    @Override
    public String aggregateId() {
      return orderId.toString();
    }
  }

  record StockRejected(UUID orderId, List<RejectedLine> rejectedLines) implements InventoryEvent, AboutAnOrder {
    public StockRejected {
      Objects.requireNonNull(orderId, "orderId");
      rejectedLines = List.copyOf(Objects.requireNonNull(rejectedLines, "rejectedLines"));
    }

    @Override
    public String aggregateId() {
      return orderId.toString();
    }
  }

  record StockReleased(UUID orderId, List<StockLine> lines, String reason) implements InventoryEvent, AboutAnOrder {
    public StockReleased {
      Objects.requireNonNull(orderId, "orderId");
      lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String aggregateId() {
      return orderId.toString();
    }
  }

  /** The order's shipment left: its reserved stock is gone from the shelf (on hand and reserved both drop). */
  record StockShipped(UUID orderId, List<StockLine> lines) implements InventoryEvent, AboutAnOrder {
    public StockShipped {
      Objects.requireNonNull(orderId, "orderId");
      lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    @Override
    public String aggregateId() {
      return orderId.toString();
    }
  }
}
