package org.orderplatform.events;

import java.util.Set;

/**
 * The currencies a price may be given in today: the active codes of ISO 4217 list one.
 *
 * <p>The list lives here, beside {@link Money}, because every service that takes money at its edge
 * shares it (and the contract module is the one they all depend on); {@code Money} itself keeps
 * accepting any three-letter code, so events stored before a currency was withdrawn still read.
 * Not {@link java.util.Currency#getAvailableCurrencies()}: the JDK's table also holds withdrawn
 * codes (DEM, HRK, SLL…), test and "no currency" codes, metals and funds, and it changes with the
 * JDK and a system property.
 *
 * <p>Left out on purpose: XXX (no currency), XTS (testing), the metals XAU XAG XPT XPD, the fund
 * and unit-of-account codes (BOV CHE CHW CLF COU MXV USN UYI UYW XBA XBB XBC XBD XDR XSU XUA), and
 * codes withdrawn by the end of 2025 (ANG for XCG, CUC, HRK, SLL, ZWL…). When ISO publishes an
 * amendment, this set is the one place to change.
 */
public final class Currencies {

  private static final Set<String> ACTIVE = Set.of(
      "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN",
      "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
      "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK",
      "DJF", "DKK", "DOP", "DZD",
      "EGP", "ERN", "ETB", "EUR",
      "FJD", "FKP",
      "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
      "HKD", "HNL", "HTG", "HUF",
      "IDR", "ILS", "INR", "IQD", "IRR", "ISK",
      "JMD", "JOD", "JPY",
      "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT",
      "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
      "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN",
      "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
      "OMR",
      "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
      "QAR",
      "RON", "RSD", "RUB", "RWF",
      "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
      "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
      "UAH", "UGX", "USD", "UYU", "UZS",
      "VED", "VES", "VND", "VUV",
      "WST",
      "XAF", "XCD", "XCG", "XOF", "XPF",
      "YER",
      "ZAR", "ZMW", "ZWG");

  private Currencies() {
  }

  /** Whether new prices may be given in {@code code}: an active ISO 4217 currency, upper case. */
  public static boolean isActive(String code) {
    return code != null && ACTIVE.contains(code);
  }
}
