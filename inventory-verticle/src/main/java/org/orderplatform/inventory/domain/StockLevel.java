package org.orderplatform.inventory.domain;

/** Stock of one product: {@code onHand = reserved + available}. */
public record StockLevel(String sku, int onHand, int reserved) {

  public StockLevel {
    if (onHand < 0 || reserved < 0 || reserved > onHand) {
      throw new IllegalArgumentException("stock of " + sku + " breaks 0 <= reserved <= onHand: " + reserved + "/" + onHand);
    }
  }

  public int available() {
    return onHand - reserved;
  }
}
