package org.orderplatform.order;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Money;
import org.orderplatform.events.RejectedLine;
import org.orderplatform.events.StockLine;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /orders} over HTTP, and the saga's answer to the inventory, on a real bus and database. */
class OrderRoutesTest {

  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(OrderModule.SCHEMA, OrderModule::new);
    // The catalogue is a projection of the inventory's events: feed it the way production does.
    service.append(productAdded("TEA-1", new Money(450, "EUR")));
    service.append(productAdded("MUG-1", new Money(900, "USD")));
    Awaiting.eventually(() -> service.count("select count(*) from orders.catalog"), n -> n == 2,
        "the catalogue to project both products");
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("a valid order is stored once, with exactly one OrderPlaced event, and can be read back")
  void validOrderIsStored() {
    HttpResponse<Buffer> placed = service.post("/orders", validOrder().encode());

    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    JsonObject order = placed.bodyAsJsonObject();
    String orderId = order.getString("orderId");
    assertThat(placed.getHeader("location")).isEqualTo("/orders/" + orderId);
    assertThat(order.getString("status")).isEqualTo("PLACED");
    assertThat(order.getJsonObject("total").getLong("minor")).isEqualTo(3 * 450L);
    assertThat(service.count("select count(*) from eventlog.events where type = 'order.placed' and aggregate_id = $1",
        orderId)).isEqualTo(1);
    HttpResponse<Buffer> read = service.get("/orders/" + orderId);
    assertThat(read.statusCode()).as("read from the order's stream at once").isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getString("customerId")).isEqualTo("c-1");
    Awaiting.eventually(() -> service.count("select count(*) from orders.orders where order_id = $1::uuid", orderId),
        n -> n == 1, "the order's row in the read model");
  }

  static Stream<Arguments> badOrders() {
    return Stream.of(
        Arguments.of("a body that is not JSON", "{\"customerId\": ", 400, "malformed-json"),
        Arguments.of("a JSON array instead of an object", "[1, 2]", 400, "malformed-json"),
        Arguments.of("an empty body", "", 400, "malformed-json"),
        Arguments.of("an object without any field", "{}", 422, "validation"),
        Arguments.of("no customer", without("customerId"), 422, "validation"),
        Arguments.of("no shipping address", without("shippingAddress"), 422, "validation"),
        Arguments.of("an empty item list", validOrder().put("items", new JsonArray()).encode(), 422, "validation"),
        Arguments.of("an item without a sku", withItem(new JsonObject().put("quantity", 1)), 422, "validation"),
        Arguments.of("quantity 0", withItem(item("TEA-1", 0)), 422, "validation"),
        Arguments.of("a negative quantity", withItem(item("TEA-1", -2)), 422, "validation"),
        Arguments.of("a quantity given as text", withItem(new JsonObject().put("sku", "TEA-1").put("quantity", "3")),
            422, "validation"),
        Arguments.of("a fractional quantity", withItem(new JsonObject().put("sku", "TEA-1").put("quantity", 1.5)),
            422, "validation"),
        Arguments.of("a country that is not an ISO code",
            validOrder().put("shippingAddress", address().put("country", "France")).encode(), 422, "validation"),
        Arguments.of("an address line2 that is not text",
            validOrder().put("shippingAddress", address().put("line2", true)).encode(), 422, "validation"),
        Arguments.of("an unknown sku", withItem(item("NOPE-1", 1)), 422, "unknown-product"),
        Arguments.of("items priced in two currencies",
            validOrder().put("items", new JsonArray().add(item("TEA-1", 1)).add(item("MUG-1", 1))).encode(),
            422, "mixed-currencies"),
        Arguments.of("an escaped NUL in the customer", validOrder().put("customerId", "c\u00001").encode(), 400,
            "invalid-text"),
        Arguments.of("an escaped NUL in a key", validOrder().put("\u0000", 1).encode(), 400, "invalid-text"),
        Arguments.of("an escaped NUL in an item's sku", withItem(item("TEA-1\u0000", 1)), 400, "invalid-text"),
        Arguments.of("an escaped NUL in a key of the address",
            validOrder().put("shippingAddress", address().put("ci\u0000ty", "Paris")).encode(), 400, "invalid-text"),
        Arguments.of("a lone high surrogate in the customer", validOrder().put("customerId", "X").encode()
            .replace("\"X\"", "\"\\ud83d\""), 400, "invalid-text"),
        Arguments.of("a lone low surrogate in the city", validOrder().encode().replace("Paris", "Par\\ude00is"),
            400, "invalid-text"),
        Arguments.of("JSON nested ten thousand deep",
            "{\"customerId\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}", 400, "malformed-json"),
        Arguments.of("a quantity of 1e400", quantity("1e400"), 422, "validation"),
        Arguments.of("a quantity of 2^63", quantity("9223372036854775808"), 422, "validation"),
        Arguments.of("a quantity of 2^31", quantity("2147483648"), 422, "validation"),
        Arguments.of("a quantity of 1.0", quantity("1.0"), 422, "validation"),
        Arguments.of("a quantity over the most one line takes", quantity("10001"), 422, "validation"));
  }

  static Stream<Arguments> refusedAtTheEdge() {
    return Stream.of(
        Arguments.of("a text/plain body", "text/plain", utf8(validOrder().encode()), 415, "unsupported-media-type"),
        Arguments.of("a body without a content type", null, utf8(validOrder().encode()), 415, "unsupported-media-type"),
        Arguments.of("a form", "application/x-www-form-urlencoded", utf8("customerId=c-1"), 415,
            "unsupported-media-type"),
        Arguments.of("JSON declared in Latin-1", "application/json; charset=iso-8859-1", utf8(validOrder().encode()),
            415, "unsupported-media-type"),
        Arguments.of("a raw NUL byte in a string", "application/json", withBytes(0x00), 400, "malformed-json"),
        Arguments.of("bytes 0xC3 0x28 (not UTF-8)", "application/json", withBytes(0xC3, 0x28), 400, "invalid-text"),
        Arguments.of("an overlong '/' (0xC0 0xAF)", "application/json", withBytes(0xC0, 0xAF), 400, "invalid-text"),
        Arguments.of("a surrogate encoded in UTF-8 (0xED 0xA0 0x80)", "application/json", withBytes(0xED, 0xA0, 0x80),
            400, "invalid-text"),
        Arguments.of("a body over 256 KiB", "application/json",
            utf8(validOrder().put("customerId", "x".repeat(256 * 1024)).encode()), 413, "too-large"));
  }

  @ParameterizedTest(name = "{0} is refused with {3} /problems/{4} and stores nothing")
  @MethodSource("refusedAtTheEdge")
  @DisplayName("a body that is not UTF-8 JSON within the limit is refused before the route reads it")
  void refusedAtTheEdge(String what, String contentType, Buffer body, int status, String type) {
    Stored before = stored();

    assertProblem(service.post("/orders", contentType, body), status, type);

    assertThat(stored()).isEqualTo(before);
  }

  @Test
  @DisplayName("accented text and an emoji in an order are stored and read back unchanged")
  void unicodeTextIsStoredUnchanged() {
    String customer = "B\u00e2timent \ud83d\ude00";
    String city = "Z\u00fcrich \u65e5\u672c";

    HttpResponse<Buffer> placed = service.post("/orders", validOrder().put("customerId", customer)
        .put("shippingAddress", address().put("city", city)).encode());

    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    JsonObject read = service.get("/orders/" + placed.bodyAsJsonObject().getString("orderId")).bodyAsJsonObject();
    assertThat(read.getString("customerId")).isEqualTo(customer);
    assertThat(read.getJsonObject("shippingAddress").getString("city")).isEqualTo(city);
  }

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(strings = {"/orders/%00", "/orders/%C3%28"})
  @DisplayName("a URL holding NUL or bytes that are not UTF-8 is a 400 problem")
  void unstorableUrlIsRefused(String path) {
    assertProblem(service.get(path), 400, "invalid-text");
  }

  /** What a refused order must leave untouched: the orders and the log. */
  private record Stored(long orders, long events) {
  }

  private static Stored stored() {
    return new Stored(service.count("select count(*) from orders.orders"),
        service.count("select count(*) from eventlog.events"));
  }

  private static String quantity(String rawNumber) {
    return validOrder().encode().replace("\"quantity\":3", "\"quantity\":" + rawNumber);
  }

  /** A valid order whose customer id holds the bytes given, as they are. */
  private static Buffer withBytes(int... bytes) {
    String[] halves = validOrder().put("customerId", "c-|-1").encode().split("\\|");
    Buffer body = Buffer.buffer(halves[0]);
    for (int b : bytes) {
      body.appendByte((byte) b);
    }
    return body.appendString(halves[1]);
  }

  private static Buffer utf8(String text) {
    return Buffer.buffer(text.getBytes(UTF_8));
  }

  @ParameterizedTest(name = "{0} is refused with {2} /problems/{3} and stores nothing")
  @MethodSource("badOrders")
  @DisplayName("a bad order is refused as problem+json and stores nothing")
  void badOrderIsRefused(String what, String body, int status, String type) {
    long orders = service.count("select count(*) from orders.orders");
    long events = service.count("select count(*) from eventlog.events");

    HttpResponse<Buffer> response = service.post("/orders", body);

    assertProblem(response, status, type);
    assertThat(service.count("select count(*) from orders.orders")).isEqualTo(orders);
    assertThat(service.count("select count(*) from eventlog.events")).isEqualTo(events);
  }

  @Test
  @DisplayName("the validation problem lists every violation at once")
  void validationListsEveryViolation() {
    HttpResponse<Buffer> response = service.post("/orders", "{}");

    assertProblem(response, 422, "validation");
    assertThat(response.bodyAsJsonObject().getJsonArray("violations")).hasSize(3);
  }

  @Test
  @DisplayName("an unknown product problem names the unknown skus, sorted and once each")
  void unknownProductsAreNamed() {
    String body = validOrder().put("items", new JsonArray().add(item("ZZZ-9", 1)).add(item("TEA-1", 1))
        .add(item("AAA-1", 2)).add(item("ZZZ-9", 1))).encode();

    HttpResponse<Buffer> response = service.post("/orders", body);

    assertProblem(response, 422, "unknown-product");
    assertThat(response.bodyAsJsonObject().getJsonArray("skus").getList()).containsExactly("AAA-1", "ZZZ-9");
  }

  @Test
  @DisplayName("an order id nobody placed is a 404 problem, whether or not it looks like a UUID")
  void unknownOrderIsNotFound() {
    assertProblem(service.get("/orders/" + UUID.randomUUID()), 404, "not-found");
    assertProblem(service.get("/orders/not-an-id"), 404, "not-found");
  }

  @Test
  @DisplayName("StockReserved from the inventory records the reservation, asks for the payment and stores its deadline")
  void reservedStockReservesTheOrder() {
    String orderId = place();

    service.append(Envelope.of(new InventoryEvent.StockReserved(UUID.fromString(orderId), List.of(new StockLine("TEA-1", 3))),
        UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null));

    JsonObject order = awaitStatus(orderId, "PAYMENT_REQUESTED");
    assertThat(order.getInteger("version")).isEqualTo(3);
    assertThat(order.getString("reason")).isNull();
    assertThat(service.count("select count(*) from eventlog.events where aggregate_id = $1 and type = 'order.reserved'",
        orderId)).isEqualTo(1);
    assertThat(service.count("select count(*) from eventlog.events where aggregate_id = $1 and type = 'order.payment-requested'",
        orderId)).isEqualTo(1);
    assertThat(service.count("select count(*) from orders.deadlines where order_id = $1::uuid and kind = 'PAYMENT'",
        orderId)).isEqualTo(1);
  }

  @Test
  @DisplayName("StockRejected rejects the order with a readable reason and records one OrderRejected")
  void rejectedStockRejectsTheOrder() {
    String orderId = place();

    service.append(Envelope.of(new InventoryEvent.StockRejected(UUID.fromString(orderId),
        List.of(new RejectedLine("TEA-1", 3, 1))), UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null));

    JsonObject order = awaitStatus(orderId, "REJECTED");
    assertThat(order.getString("reason")).isEqualTo("insufficient stock: TEA-1 (requested 3, available 1)");
    Awaiting.eventually(() -> service.count(
            "select count(*) from eventlog.events where aggregate_id = $1 and type = 'order.rejected'", orderId),
        n -> n >= 1, "the OrderRejected event");
    assertThat(service.count("select count(*) from eventlog.events where aggregate_id = $1 and type = 'order.rejected'",
        orderId)).isEqualTo(1);
  }

  private static String place() {
    HttpResponse<Buffer> placed = service.post("/orders", validOrder().encode());
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    return placed.bodyAsJsonObject().getString("orderId");
  }

  private static JsonObject awaitStatus(String orderId, String status) {
    return Awaiting.eventually(() -> service.get("/orders/" + orderId).bodyAsJsonObject(),
        order -> status.equals(order.getString("status")), "order " + orderId + " to become " + status);
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("/problems/" + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
  }

  private static Envelope<InventoryEvent> productAdded(String sku, Money price) {
    return Envelope.of(new InventoryEvent.ProductAdded(sku, "Product " + sku, price, 10), UUID.randomUUID(),
        Instant.now(), UUID.randomUUID(), null, null);
  }

  private static JsonObject validOrder() {
    return new JsonObject().put("customerId", "c-1")
        .put("items", new JsonArray().add(item("TEA-1", 3)))
        .put("shippingAddress", address());
  }

  private static JsonObject address() {
    return new JsonObject().put("line1", "1 Main St").put("postalCode", "75001").put("city", "Paris").put("country", "FR");
  }

  private static JsonObject item(String sku, int quantity) {
    return new JsonObject().put("sku", sku).put("quantity", quantity);
  }

  private static String without(String field) {
    JsonObject order = validOrder();
    order.remove(field);
    return order.encode();
  }

  private static String withItem(JsonObject item) {
    return validOrder().put("items", new JsonArray().add(item)).encode();
  }
}
