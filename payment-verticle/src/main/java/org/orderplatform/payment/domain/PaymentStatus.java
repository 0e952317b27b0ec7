package org.orderplatform.payment.domain;

import java.util.Locale;

/** Where an order's charge stands; {@code REQUESTED} and {@code UNAVAILABLE} may still become a charge. */
public enum PaymentStatus {
  REQUESTED, AUTHORIZED, DECLINED, UNAVAILABLE;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PaymentStatus fromDb(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
