package org.orderplatform.inventory.domain;

import org.orderplatform.events.Currencies;
import org.orderplatform.events.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A product an operator wants to stock, checked before anything is stored. */
public record NewProduct(String sku, String name, Money price, int stock) {

  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The most units one product may be given at once; on hand is an int, so room is left for restocks. */
  public static final int MAX_STOCK = 1_000_000_000;

  /**
   * The most a unit may cost, in minor units: an order of 100 lines of up to 10,000 units each still
   * totals less than a long can hold.
   */
  public static final long MAX_PRICE_MINOR = 1_000_000_000_000L;

  /** Everything wrong with it, empty when it may be stored. */
  public List<String> violations() {
    List<String> problems = new ArrayList<>();
    if (sku == null || !SKU.matcher(sku).matches()) {
      problems.add("sku must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      problems.add("name must be 1-200 characters");
    }
    if (price == null || price.minor() < 0 || price.minor() > MAX_PRICE_MINOR) {
      problems.add("price must be {\"minor\": a whole number from 0 to " + MAX_PRICE_MINOR + ", \"currency\": \"ISO code\"}");
    } else if (!Currencies.isActive(price.currency())) {
      problems.add("price.currency must be an active ISO 4217 currency such as EUR, got " + price.currency());
    }
    if (stock < 0 || stock > MAX_STOCK) {
      problems.add("stock must be a whole number from 0 to " + MAX_STOCK);
    }
    return problems;
  }
}
