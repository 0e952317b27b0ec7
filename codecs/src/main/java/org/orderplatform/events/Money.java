package org.orderplatform.events;

import java.util.Objects;
import java.util.regex.Pattern;

/** An amount in minor units (cents) of an ISO 4217 currency; never a floating-point number. */
public record Money(long minor, String currency) {

  private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

  public Money {
    Objects.requireNonNull(currency, "currency");
    if (!ISO_CODE.matcher(currency).matches()) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR: " + currency);
    }
  }

  public static Money zero(String currency) {
    return new Money(0, currency);
  }

  public Money plus(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
    }
    return new Money(Math.addExact(minor, other.minor), currency);
  }

  public Money times(int quantity) {
    return new Money(Math.multiplyExact(minor, quantity), currency);
  }
}
