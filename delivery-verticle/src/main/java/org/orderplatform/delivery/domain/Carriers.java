package org.orderplatform.delivery.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which carrier takes a shipment, by destination country, with one default for every other
 * country. Written {@code FR=colissimo:2,DE=dhl:3,*=ups:5}: country (ISO 3166 alpha-2, or
 * {@code *}), carrier, days to deliver.
 */
public record Carriers(Map<String, Carrier> byCountry, Carrier fallback) {

  public static final String DEFAULT = "FR=colissimo:2,DE=dhl:3,GB=royal-mail:2,*=ups:5";

  private static final Pattern ENTRY = Pattern.compile("\\s*([A-Za-z]{2}|\\*)\\s*=\\s*([^:\\s]+)\\s*:\\s*(\\d{1,3})\\s*");

  public Carriers {
    byCountry = Collections.unmodifiableMap(new LinkedHashMap<>(byCountry));
  }

  public Carrier forCountry(String country) {
    return byCountry.getOrDefault(country, fallback);
  }

  /** Parses the written form; a country named twice, or no {@code *} entry, is an error. */
  public static Carriers parse(String text) {
    Map<String, Carrier> byCountry = new LinkedHashMap<>();
    Carrier fallback = null;
    for (String entry : text.split(",", -1)) {
      Matcher matcher = ENTRY.matcher(entry);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("'" + entry.trim() + "' is not COUNTRY=carrier:days (FR=colissimo:2, *=ups:5)");
      }
      String country = matcher.group(1).toUpperCase(Locale.ROOT);
      Carrier carrier = new Carrier(matcher.group(2), Integer.parseInt(matcher.group(3)));
      if (country.equals("*") ? fallback != null : byCountry.containsKey(country)) {
        throw new IllegalArgumentException(country + " is given twice");
      }
      if (country.equals("*")) {
        fallback = carrier;
      } else {
        byCountry.put(country, carrier);
      }
    }
    if (fallback == null) {
      // Failing beats a silent guess: a parcel to a country nobody listed must still go with someone.
      throw new IllegalArgumentException("no default carrier: add *=carrier:days");
    }
    return new Carriers(byCountry, fallback);
  }
}
