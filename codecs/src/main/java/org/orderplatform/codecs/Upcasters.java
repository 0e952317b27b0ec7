package org.orderplatform.codecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Pure functions that lift an older payload one version up, on the JSON tree, before it is bound to
 * the current record. Stored events are never rewritten; they are upcast every time they are read.
 */
final class Upcasters {

  /** Keyed by the type being upcast, from its version N to N+1. */
  static final Map<EventType, UnaryOperator<ObjectNode>> ALL = Map.of(
      new EventType("order.placed", 1), Upcasters::orderPlacedV1ToV2,
      new EventType("order.placed", 2), Upcasters::withDefaultPaymentToken,
      new EventType("order.payment-requested", 1), Upcasters::withDefaultPaymentToken,
      new EventType("order.place-order", 1), Upcasters::withDefaultPaymentToken,
      new EventType("delivery.scheduled", 1), Upcasters::deliveryScheduledV1ToV2);

  private Upcasters() {
  }

  /**
   * v1 carried decimal amounts ({@code "amount": 25.00, "currency": "EUR"}, a decimal
   * {@code unitPrice} per line) and a one-line address {@code "line1, postal city, CC"}.
   * v2 carries {@link org.orderplatform.events.Money} in minor units and a structured address.
   */
  static ObjectNode orderPlacedV1ToV2(ObjectNode v1) {
    String currency = required(v1, "currency").asText();
    ObjectNode v2 = v1.objectNode();
    v2.set("orderId", required(v1, "orderId"));
    v2.set("customerId", required(v1, "customerId"));
    JsonNode v1Lines = required(v1, "lines");
    if (!v1Lines.isArray()) {
      throw new IllegalArgumentException("lines must be a list");
    }
    ArrayNode lines = v2.putArray("lines");
    for (JsonNode line : v1Lines) {
      ObjectNode upcast = lines.addObject();
      upcast.set("sku", required(line, "sku"));
      upcast.set("quantity", required(line, "quantity"));
      upcast.set("unitPrice", money(v2, required(line, "unitPrice"), currency));
    }
    v2.set("total", money(v2, required(v1, "amount"), currency));
    v2.set("shippingAddress", address(v2, required(v1, "shippingAddress").asText()));
    return v2;
  }

  /**
   * Orders placed before customers could choose how to pay, and their payment requests, pay with
   * the default token: the one an order placed without a token gets today.
   */
  static ObjectNode withDefaultPaymentToken(ObjectNode older) {
    ObjectNode next = older.deepCopy();
    next.put("paymentToken", org.orderplatform.events.OrderEvent.OrderPlaced.DEFAULT_PAYMENT_TOKEN);
    return next;
  }

  /**
   * v1 shipments had no carrier yet: they read as "unassigned", with no tracking number, due the
   * day they were scheduled for.
   */
  static ObjectNode deliveryScheduledV1ToV2(ObjectNode v1) {
    ObjectNode v2 = v1.deepCopy();
    v2.put("carrier", "unassigned");
    v2.put("trackingNumber", "");
    v2.put("estimatedDelivery", java.time.Instant.parse(required(v1, "scheduledFor").asText())
        .atZone(java.time.ZoneOffset.UTC).toLocalDate().toString());
    return v2;
  }

  private static ObjectNode money(ObjectNode factory, JsonNode decimal, String currency) {
    if (!decimal.isNumber()) {
      throw new IllegalArgumentException("amount must be a number: " + decimal);
    }
    int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    // Exact or fail: a v1 amount with more decimals than the currency has is not silently rounded.
    BigDecimal minor = decimal.decimalValue().movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY);
    ObjectNode money = factory.objectNode();
    money.put("minor", minor.longValueExact());
    money.put("currency", currency);
    return money;
  }

  /**
   * {@code "12 Rue de la Paix, 75002 Paris, FR"}: street part(s), then "postal city", then country.
   * v1 never separated a postal code from its city, so the first word is taken as the postal code;
   * a code with a space in it (UK "SW1A 1AA") cannot be told apart and keeps its second half in
   * the city. Such v1 events were written by the v1 form, which only took continental addresses.
   */
  private static ObjectNode address(ObjectNode factory, String oneLine) {
    String[] parts = oneLine.split("\\s*,\\s*");
    if (parts.length < 3) {
      throw new IllegalArgumentException("v1 address must read 'street, postal city, country': " + oneLine);
    }
    String country = parts[parts.length - 1].trim();
    String postalAndCity = parts[parts.length - 2].trim();
    int space = postalAndCity.indexOf(' ');
    if (space <= 0) {
      throw new IllegalArgumentException("v1 address lacks 'postal city': " + oneLine);
    }
    ObjectNode address = factory.objectNode();
    address.put("line1", parts[0].trim());
    if (parts.length > 3) {
      address.put("line2", String.join(", ", java.util.Arrays.copyOfRange(parts, 1, parts.length - 2)).trim());
    }
    address.put("postalCode", postalAndCity.substring(0, space));
    address.put("city", postalAndCity.substring(space + 1).trim());
    address.put("country", country);
    return address;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return value;
  }
}
