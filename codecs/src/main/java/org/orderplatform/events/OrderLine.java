package org.orderplatform.events;

import java.util.Objects;

/** One priced line of an order. */
public record OrderLine(String sku, int quantity, Money unitPrice) {

  public OrderLine {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be > 0: " + quantity);
    }
  }
}
