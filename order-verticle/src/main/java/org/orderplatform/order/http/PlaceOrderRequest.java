package org.orderplatform.order.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.orderplatform.events.Address;
import org.orderplatform.events.OrderCommand;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.StockLine;
import org.orderplatform.plumbing.http.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads {@code POST /orders}: every violation is collected and reported at once, as a 422
 * validation problem, before anything is stored.
 */
public final class PlaceOrderRequest {

  public static final int MAX_ITEMS = 100;
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern PAYMENT_TOKEN = Pattern.compile("tok_[A-Za-z0-9_]{1,60}");
  public static final int MAX_QUANTITY = 10_000;

  private PlaceOrderRequest() {
  }

  static OrderCommand.PlaceOrder parse(JsonObject body, UUID orderId) {
    List<String> violations = new ArrayList<>();
    String customerId = text(body, "customerId", violations, 200);
    List<StockLine> items = items(body.getValue("items"), violations);
    Address address = address(body.getValue("shippingAddress"), violations);
    String paymentToken = paymentToken(body.getValue("paymentToken"), violations);
    if (!violations.isEmpty()) {
      throw Problem.invalid(String.join("; ", violations)).with("violations", new JsonArray(violations)).exception();
    }
    return new OrderCommand.PlaceOrder(orderId, customerId, items, address, paymentToken);
  }

  /** Optional: an order without one pays with the default token. */
  private static String paymentToken(Object value, List<String> violations) {
    if (value == null) {
      return OrderEvent.OrderPlaced.DEFAULT_PAYMENT_TOKEN;
    }
    if (!(value instanceof String token) || !PAYMENT_TOKEN.matcher(token).matches()) {
      violations.add("paymentToken must be a provider token such as tok_visa (tok_ then 1-60 letters, digits or _)");
      return null;
    }
    return token;
  }

  private static List<StockLine> items(Object value, List<String> violations) {
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_ITEMS) {
      violations.add("items must be a list of 1-" + MAX_ITEMS + " {sku, quantity}");
      return List.of();
    }
    List<StockLine> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        violations.add("items[" + i + "] must be an object {sku, quantity}");
        continue;
      }
      String sku = text(item, "sku", violations, 64);
      Object quantity = item.getValue("quantity");
      if (!(quantity instanceof Integer q) || q <= 0 || q > MAX_QUANTITY) {
        violations.add("items[" + i + "].quantity must be a whole number from 1 to " + MAX_QUANTITY);
      } else if (sku != null) {
        items.add(new StockLine(sku, q));
      }
    }
    return items;
  }

  private static Address address(Object value, List<String> violations) {
    if (!(value instanceof JsonObject json)) {
      violations.add("shippingAddress must be an object {line1, line2?, postalCode, city, country}");
      return null;
    }
    String line1 = text(json, "line1", violations, 200);
    String postalCode = text(json, "postalCode", violations, 20);
    String city = text(json, "city", violations, 100);
    String country = text(json, "country", violations, 2);
    Object line2 = json.getValue("line2");
    if (line2 != null && !(line2 instanceof String)) {
      violations.add("shippingAddress.line2 must be text");
      return null;
    }
    if (country != null && !COUNTRY.matcher(country).matches()) {
      violations.add("shippingAddress.country must be an ISO 3166 code such as FR");
      return null;
    }
    if (line1 == null || postalCode == null || city == null || country == null) {
      return null;
    }
    try {
      return new Address(line1, (String) line2, postalCode, city, country);
    } catch (IllegalArgumentException | NullPointerException e) {
      violations.add("shippingAddress: " + e.getMessage());
      return null;
    }
  }

  private static String text(JsonObject json, String field, List<String> violations, int maxLength) {
    Object value = json.getValue(field);
    if (!(value instanceof String text) || text.isBlank() || text.length() > maxLength) {
      violations.add(field + " is required: text of 1-" + maxLength + " characters");
      return null;
    }
    return text;
  }
}
