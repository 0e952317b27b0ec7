package org.orderplatform.codecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderplatform.codecs.testing.Samples;
import org.orderplatform.events.Message;
import org.orderplatform.events.OrderEvent;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("the type registry")
class EventTypesTest {

  private static final String CONFIRMED = "{\"orderId\": \"" + Samples.ORDER_ID + "\"}";

  static List<Message> samples() {
    return Samples.all();
  }

  private static DecodeResult.Malformed malformed(DecodeResult result) {
    assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
    DecodeResult.Malformed malformed = (DecodeResult.Malformed) result;
    assertThat(malformed.reason()).isNotBlank();
    return malformed;
  }

  private static ObjectNode sampleTree(Message sample) {
    return (ObjectNode) EventTypes.encodeTree(sample);
  }

  @Test
  @DisplayName("an unknown type name decodes to UnknownType, whatever the payload")
  void unknownNameIsUnknownType() {
    assertThat(EventTypes.decode("order.teleported", 1, CONFIRMED))
        .isEqualTo(new DecodeResult.UnknownType("order.teleported", 1));
    assertThat(EventTypes.decode(null, 1, CONFIRMED)).isEqualTo(new DecodeResult.UnknownType(null, 1));
  }

  @ParameterizedTest(name = "{0} v{1}")
  @CsvSource({"order.confirmed, 2", "order.placed, 4", "order.confirmed, 0", "order.confirmed, -1"})
  @DisplayName("a version newer than this node's contract (or below 1) decodes to UnknownType")
  void unknownVersionIsUnknownType(String name, int version) {
    assertThat(EventTypes.decode(name, version, CONFIRMED)).isEqualTo(new DecodeResult.UnknownType(name, version));
  }

  @Test
  @DisplayName("text that is not JSON is malformed, saying so")
  void notJsonIsMalformed() {
    DecodeResult.Malformed malformed = malformed(EventTypes.decode("order.confirmed", 1, "{\"orderId\": "));

    assertThat(malformed.name()).isEqualTo("order.confirmed");
    assertThat(malformed.version()).isEqualTo(1);
    assertThat(malformed.reason()).startsWith("not JSON");
  }

  @Test
  @DisplayName("JSON that is not an object, or no payload at all, is malformed")
  void nonObjectIsMalformed() {
    assertThat(malformed(EventTypes.decode("order.confirmed", 1, "[1, 2]")).reason()).contains("JSON object");
    assertThat(malformed(EventTypes.decode("order.confirmed", 1, "\"x\"")).reason()).contains("JSON object");
    assertThat(malformed(EventTypes.decode("order.confirmed", 1, (JsonNode) null)).reason()).contains("JSON object");
  }

  @Test
  @DisplayName("a null payload text is malformed rather than an exception")
  void nullTextIsMalformed() {
    malformed(EventTypes.decode("order.confirmed", 1, (String) null));
  }

  @ParameterizedTest(name = "without {0}")
  @CsvSource({"orderId", "customerId", "total", "shippingAddress"})
  @DisplayName("a payload missing a required field is malformed and names the field")
  void missingRequiredFieldIsMalformed(String field) {
    ObjectNode json = sampleTree(Samples.ORDER_PLACED);
    json.remove(field);

    assertThat(malformed(EventTypes.decode("order.placed", 2, json)).reason()).contains(field);
  }

  @Test
  @DisplayName("a payload missing a list is malformed")
  void missingListIsMalformed() {
    ObjectNode json = sampleTree(Samples.ORDER_PLACED);
    json.remove("lines");

    // List.copyOf(null) fails without the component's name, so only the outcome is asserted here.
    assertThat(EventTypes.decode("order.placed", 2, json)).isInstanceOf(DecodeResult.Malformed.class);
  }

  @Test
  @DisplayName("a required field inside a nested record is checked too")
  void missingNestedFieldIsMalformed() {
    ObjectNode json = sampleTree(Samples.ORDER_PLACED);
    ((ObjectNode) json.get("shippingAddress")).remove("city");

    assertThat(malformed(EventTypes.decode("order.placed", 2, json)).reason()).contains("city");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "orderId | 42",
      "orderId | \"not-a-uuid\"",
      "lines | \"SKU-1 x 2\"",
      "total | 3399",
      "shippingAddress | [\"12 Rue de la Paix\"]",
      "customerId | {\"id\": 42}"})
  @DisplayName("a field of the wrong JSON type is malformed")
  void wrongFieldTypeIsMalformed(String field, String value) throws Exception {
    ObjectNode json = sampleTree(Samples.ORDER_PLACED);
    json.set(field, EventJson.mapper().readTree(value));

    malformed(EventTypes.decode("order.placed", 2, json));
  }

  @Test
  @DisplayName("a quantity that is text, null or missing is malformed, not read as zero")
  void wrongPrimitiveIsMalformed() {
    ObjectNode text = sampleTree(Samples.STOCK_RESTOCKED).put("quantity", "two");
    ObjectNode nul = sampleTree(Samples.STOCK_RESTOCKED).putNull("quantity");
    ObjectNode missing = sampleTree(Samples.STOCK_RESTOCKED);
    missing.remove("quantity");

    malformed(EventTypes.decode("inventory.stock-restocked", 1, text));
    malformed(EventTypes.decode("inventory.stock-restocked", 1, nul));
    malformed(EventTypes.decode("inventory.stock-restocked", 1, missing));
  }

  @ParameterizedTest(name = "\"minor\": {0}")
  @CsvSource({"1250.5", "1250.0", "12.5e2"})
  @DisplayName("a decimal number in an integer field is malformed, never truncated")
  void decimalInIntegerFieldIsMalformed(String minor) {
    String json = EventTypes.encode(Samples.PAYMENT_REQUESTED).replace("\"minor\":3399", "\"minor\":" + minor);

    assertThat(json).contains(minor);
    malformed(EventTypes.decode("order.payment-requested", 1, json));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({"euro", "EURO", "E1R", "''"})
  @DisplayName("money in a currency that is not an ISO 4217 code is malformed and says why")
  void invalidCurrencyIsMalformed(String currency) {
    ObjectNode json = sampleTree(Samples.PAYMENT_REQUESTED);
    ((ObjectNode) json.get("amount")).put("currency", currency);

    assertThat(malformed(EventTypes.decode("order.payment-requested", 1, json)).reason()).contains("currency");
  }

  @Test
  @DisplayName("a record's own rule (a positive quantity) makes a payload malformed")
  void recordInvariantIsMalformed() {
    ObjectNode json = sampleTree(Samples.RESERVE_STOCK);
    ((ObjectNode) json.get("lines").get(0)).put("quantity", 0);

    assertThat(malformed(EventTypes.decode("inventory.reserve-stock", 1, json)).reason()).contains("quantity");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @DisplayName("every sample survives encode then decode as an equal record")
  void everySampleRoundTrips(Message sample) {
    EventType type = EventTypes.typeOf(sample);

    assertThat(EventTypes.decode(type.name(), type.version(), EventTypes.encode(sample)))
        .isEqualTo(new DecodeResult.Decoded(sample));
    assertThat(EventTypes.decode(type.name(), type.version(), EventTypes.encodeTree(sample)))
        .isEqualTo(new DecodeResult.Decoded(sample));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  @DisplayName("fields added by a newer producer are ignored by this reader")
  void addedFieldsAreTolerated(Message sample) {
    EventType type = EventTypes.typeOf(sample);
    ObjectNode json = sampleTree(sample);
    json.put("addedLater", "by a newer producer");
    json.putObject("addedObject").put("nested", 1).putArray("list").add(true);

    assertThat(EventTypes.decode(type.name(), type.version(), json)).isEqualTo(new DecodeResult.Decoded(sample));
  }

  @Test
  @DisplayName("fields added inside a nested record are ignored too")
  void addedNestedFieldsAreTolerated() {
    ObjectNode json = sampleTree(Samples.ORDER_PLACED);
    ((ObjectNode) json.get("total")).put("exchangeRate", 1.08);
    ((ObjectNode) json.get("lines").get(0)).put("giftWrap", true);

    assertThat(EventTypes.decode("order.placed", 2, json)).isEqualTo(new DecodeResult.Decoded(Samples.ORDER_PLACED));
  }

  @Test
  @DisplayName("decoding does not change the caller's JSON tree")
  void decodingLeavesTheInputAlone() throws Exception {
    JsonNode v1 = EventJson.mapper().readTree(Fixtures.require(new EventType("order.placed", 1)));
    JsonNode before = v1.deepCopy();

    EventTypes.decode("order.placed", 1, v1);

    assertThat(v1).isEqualTo(before);
  }

  @Test
  @DisplayName("type names are unique and dotted lower-case, family first")
  void typeNamesAreUniqueAndDotted() {
    List<String> names = EventTypes.current().values().stream().map(EventType::name).collect(Collectors.toList());

    assertThat(names).doesNotHaveDuplicates().hasSize(EventTypes.current().size());
    assertThat(names).allMatch(name -> name.matches("(order|inventory|payment|delivery|notification)\\.[a-z]+(-[a-z]+)*"),
        "dotted lower-case");
  }

  @Test
  @DisplayName("historic types list each type's versions from 1 to its current one, oldest first")
  void historicTypesCoverEveryVersion() {
    assertThat(EventTypes.historicTypes())
        .hasSize(EventTypes.current().values().stream().mapToInt(EventType::version).sum())
        .containsSubsequence(new EventType("order.placed", 1), new EventType("order.placed", 2))
        .containsAll(EventTypes.current().values());
  }

  @Test
  @DisplayName("a record that is not registered cannot be given a type")
  void unregisteredClassIsRefused() {
    assertThatThrownBy(() -> EventTypes.typeOf(Message.class)).isInstanceOf(IllegalArgumentException.class);
    assertThat(EventTypes.typeOf(OrderEvent.OrderPlaced.class)).isEqualTo(new EventType("order.placed", 3));
  }
}
