package org.orderplatform.inventory.domain;

import org.orderplatform.events.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A product an operator wants to stock, checked before anything is stored. */
public record NewProduct(String sku, String name, Money price, int stock) {

  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Everything wrong with it, empty when it may be stored. */
  public List<String> violations() {
    List<String> problems = new ArrayList<>();
    if (sku == null || !SKU.matcher(sku).matches()) {
      problems.add("sku must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      problems.add("name must be 1-200 characters");
    }
    if (price == null || price.minor() < 0) {
      problems.add("price must be {\"minor\": >= 0, \"currency\": \"ISO code\"}");
    }
    if (stock < 0) {
      problems.add("stock must be >= 0");
    }
    return problems;
  }
}
