package org.orderplatform.events;

import java.util.Objects;

/** A postal address; {@code line2} may be null, {@code country} is an ISO 3166 alpha-2 code. */
public record Address(String line1, String line2, String postalCode, String city, String country) {

  public Address {
    Objects.requireNonNull(line1, "line1");
    Objects.requireNonNull(postalCode, "postalCode");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(country, "country");
    if (!country.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("country must be an ISO 3166 code such as FR: " + country);
    }
  }
}
