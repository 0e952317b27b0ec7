package org.orderplatform.delivery.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A carrier and how many days it takes to deliver from the day a shipment is scheduled. */
public record Carrier(String name, int days) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  public static final int MAX_DAYS = 60;

  public Carrier {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a carrier is 1-40 lower-case letters, digits or '-': '" + name + "'");
    }
    if (days < 0 || days > MAX_DAYS) {
      throw new IllegalArgumentException("a carrier delivers in 0 to " + MAX_DAYS + " days: " + name + ":" + days);
    }
  }

  /**
   * The shipment's tracking number: the carrier's initials and the delivery id, so it is unique
   * and the same however often it is computed ({@code COL-3F2A…} for colissimo).
   */
  public String trackingNumber(UUID deliveryId) {
    String letters = name.replace("-", "");
    String prefix = letters.substring(0, Math.min(3, letters.length())).toUpperCase(Locale.ROOT);
    return prefix + "-" + deliveryId.toString().replace("-", "").toUpperCase(Locale.ROOT);
  }
}
