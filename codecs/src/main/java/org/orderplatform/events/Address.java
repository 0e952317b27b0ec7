package org.orderplatform.events;

import java.util.Objects;
import java.util.regex.Pattern;

/** A postal address; {@code line2} may be null, {@code country} is an ISO 3166 alpha-2 code. */
public record Address(String line1, String line2, String postalCode, String city, String country) {

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  public Address {
    Objects.requireNonNull(line1, "line1");
    Objects.requireNonNull(postalCode, "postalCode");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(country, "country");
    if (!COUNTRY.matcher(country).matches()) {
      throw new IllegalArgumentException("country must be an ISO 3166 code such as FR: " + country);
    }
  }
}
