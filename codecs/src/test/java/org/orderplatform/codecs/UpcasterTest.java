package org.orderplatform.codecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderplatform.events.Address;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("order.placed v1 → v2 upcaster")
class UpcasterTest {

  private static final UUID ORDER_ID = UUID.fromString("0b5e7c3a-1f2d-4e6a-9b8c-7d6e5f4a3b2c");
  private static final String BERLIN = "Unter den Linden 5, 10117 Berlin, DE";

  /** A v1 payload with one line; numbers are spliced in as written, so their decimals are exact. */
  private static String v1(String unitPrice, String amount, String currency, String address) {
    return """
        {"orderId": "%s", "customerId": "c-1",
         "lines": [{"sku": "SKU-1", "quantity": 2, "unitPrice": %s}],
         "amount": %s, "currency": "%s", "shippingAddress": "%s"}
        """.formatted(ORDER_ID, unitPrice, amount, currency, address);
  }

  private static OrderEvent.OrderPlaced decodedV1(String json) {
    DecodeResult result = EventTypes.decode("order.placed", 1, json);
    assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    return (OrderEvent.OrderPlaced) ((DecodeResult.Decoded) result).message();
  }

  private static DecodeResult.Malformed malformedV1(String json) {
    DecodeResult result = EventTypes.decode("order.placed", 1, json);
    assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
    DecodeResult.Malformed malformed = (DecodeResult.Malformed) result;
    assertThat(malformed.name()).isEqualTo("order.placed");
    assertThat(malformed.version()).isEqualTo(1);
    assertThat(malformed.reason()).isNotBlank();
    return malformed;
  }

  @Test
  @DisplayName("a whole v1 order becomes the current record with money in minor units and a structured address")
  void convertsAWholeOrder() {
    OrderEvent.OrderPlaced placed = decodedV1(v1("12.50", "25.00", "EUR", BERLIN));

    assertThat(placed).isEqualTo(new OrderEvent.OrderPlaced(ORDER_ID, "c-1",
        List.of(new OrderLine("SKU-1", 2, new Money(1250, "EUR"))), new Money(2500, "EUR"),
        new Address("Unter den Linden 5", null, "10117", "Berlin", "DE"), OrderEvent.OrderPlaced.DEFAULT_PAYMENT_TOKEN));
  }

  @ParameterizedTest(name = "{0} {1} is {2} minor units")
  @CsvSource({
      "EUR, 25.10, 2510",
      "EUR, 0.05, 5",
      "EUR, 19.99, 1999",
      "EUR, 7, 700",
      "EUR, 0.1, 10",
      "EUR, 99999999999.99, 9999999999999",
      "JPY, 1500, 1500",
      "JPY, 1500.0, 1500",
      "USD, 1234.56, 123456",
      "BHD, 1.234, 1234"})
  @DisplayName("decimal amounts become exact minor units by the currency's digits")
  void convertsDecimalsExactly(String currency, String decimal, long minor) {
    OrderEvent.OrderPlaced placed = decodedV1(v1(decimal, decimal, currency, BERLIN));

    assertThat(placed.total()).isEqualTo(new Money(minor, currency));
    assertThat(placed.lines().get(0).unitPrice()).isEqualTo(new Money(minor, currency));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "EUR, 12.345",
      "EUR, 0.001",
      "EUR, 12.5000000000000001",
      "JPY, 1500.5",
      "JPY, 0.01"})
  @DisplayName("an amount more precise than the currency's minor unit is refused, not rounded")
  void refusesSubMinorPrecision(String currency, String decimal) {
    malformedV1(v1("1", decimal, currency, BERLIN));
    malformedV1(v1(decimal, "1", currency, BERLIN));
  }

  @Test
  @DisplayName("an address with a second line keeps it as line2")
  void parsesAnAddressWithALine2() {
    OrderEvent.OrderPlaced placed = decodedV1(v1("1", "2", "EUR", "12 Rue de la Paix, Bâtiment B, 75002 Paris, FR"));

    assertThat(placed.shippingAddress())
        .isEqualTo(new Address("12 Rue de la Paix", "Bâtiment B", "75002", "Paris", "FR"));
  }

  @Test
  @DisplayName("an address with several middle parts joins them into line2, and a city may contain spaces")
  void parsesAnAddressWithSeveralMiddleParts() {
    OrderEvent.OrderPlaced placed =
        decodedV1(v1("1", "2", "EUR", "1 Rue Neuve,  Escalier C , 3e étage, 75001 Paris Cedex 01, FR"));

    assertThat(placed.shippingAddress())
        .isEqualTo(new Address("1 Rue Neuve", "Escalier C, 3e étage", "75001", "Paris Cedex 01", "FR"));
  }

  @Test
  @DisplayName("an address without a second line has no line2")
  void parsesAnAddressWithoutALine2() {
    OrderEvent.OrderPlaced placed = decodedV1(v1("1", "2", "EUR", BERLIN));

    assertThat(placed.shippingAddress()).isEqualTo(new Address("Unter den Linden 5", null, "10117", "Berlin", "DE"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {
      "",
      "Unter den Linden 5",
      "Unter den Linden 5, Berlin",
      "Unter den Linden 5, Berlin, DE",
      "Unter den Linden 5, 10117 Berlin, Germany",
      "Unter den Linden 5, 10117 Berlin, de"})
  @DisplayName("an address that does not read 'street, postal city, CC' is malformed")
  void refusesABadAddress(String address) {
    assertThat(malformedV1(v1("1", "2", "EUR", address)).reason()).doesNotContain("NullPointerException");
  }

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {"orderId", "customerId", "lines", "amount", "currency", "shippingAddress"})
  @DisplayName("a v1 payload missing a field is malformed and names the field")
  void refusesAMissingField(String field) throws Exception {
    ObjectNode json = (ObjectNode) EventJson.mapper().readTree(v1("1", "2", "EUR", BERLIN));
    json.remove(field);

    DecodeResult result = EventTypes.decode("order.placed", 1, json);

    assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
    assertThat(((DecodeResult.Malformed) result).reason()).contains(field);
  }

  @ParameterizedTest(name = "without lines[0].{0}")
  @ValueSource(strings = {"sku", "quantity", "unitPrice"})
  @DisplayName("a v1 line missing a field is malformed and names the field")
  void refusesALineMissingAField(String field) throws Exception {
    ObjectNode json = (ObjectNode) EventJson.mapper().readTree(v1("1", "2", "EUR", BERLIN));
    ((ObjectNode) json.get("lines").get(0)).remove(field);

    DecodeResult result = EventTypes.decode("order.placed", 1, json);

    assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
    assertThat(((DecodeResult.Malformed) result).reason()).contains(field);
  }

  @Test
  @DisplayName("an amount written as a string, or an unknown currency, is malformed")
  void refusesAWrongAmountOrCurrency() {
    malformedV1(v1("1", "\"33.99\"", "EUR", BERLIN));
    malformedV1(v1("1", "2", "EURO", BERLIN));
    malformedV1(v1("1", "2", "ZZZ", BERLIN));
  }

  @Test
  @DisplayName("an amount too large for a long in minor units is malformed")
  void refusesAnOverflowingAmount() {
    malformedV1(v1("1", "99999999999999999999.99", "EUR", BERLIN));
  }
}
