package org.orderplatform.events;

import java.util.Objects;

/** A quantity of one SKU: what is requested, reserved or released. */
public record StockLine(String sku, int quantity) {

  public StockLine {
    Objects.requireNonNull(sku, "sku");
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be > 0: " + quantity);
    }
  }
}
