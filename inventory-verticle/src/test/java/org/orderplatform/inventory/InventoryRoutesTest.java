package org.orderplatform.inventory;

import io.vertx.core.buffer.Buffer;
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
import org.orderplatform.runtime.testing.ServiceHarness;

import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /products} over HTTP on a real database: good input is stored with its event, bad input not at all. */
class InventoryRoutesTest {

  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(InventoryModule.SCHEMA, InventoryModule::new);
    HttpResponse<Buffer> added = service.post("/products", product("TEA-1", 10).encode());
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("a new product is stored with its stock and exactly one ProductAdded event")
  void newProductIsStored() {
    HttpResponse<Buffer> added = service.post("/products", product("CUP-1", 4).encode());

    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    assertThat(added.getHeader("location")).isEqualTo("/products/CUP-1");
    JsonObject body = added.bodyAsJsonObject();
    assertThat(body.getInteger("onHand")).isEqualTo(4);
    assertThat(body.getInteger("reserved")).isZero();
    assertThat(body.getInteger("available")).isEqualTo(4);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.product-added'"
        + " and aggregate_id = $1", "CUP-1")).isEqualTo(1);
    assertThat(service.get("/products/CUP-1").bodyAsJsonObject().getString("name")).isEqualTo("Product CUP-1");
  }

  @Test
  @DisplayName("restocking adds to on-hand stock and records one StockRestocked event")
  void restockAddsStock() {
    service.post("/products", product("SAUCER-1", 1).encode());

    HttpResponse<Buffer> restocked = service.post("/products/SAUCER-1/restock", "{\"quantity\": 5}");

    assertThat(restocked.statusCode()).as(restocked.bodyAsString()).isEqualTo(200);
    assertThat(restocked.bodyAsJsonObject().getInteger("onHand")).isEqualTo(6);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-restocked'"
        + " and aggregate_id = $1", "SAUCER-1")).isEqualTo(1);
  }

  static Stream<Arguments> badProducts() {
    return Stream.of(
        Arguments.of("a body that is not JSON", "{\"sku\": ", 400, "malformed-json"),
        Arguments.of("a JSON array instead of an object", "[]", 400, "malformed-json"),
        Arguments.of("an empty body", "", 400, "malformed-json"),
        Arguments.of("an object without any field", "{}", 422, "validation"),
        Arguments.of("no sku", without("sku"), 422, "validation"),
        Arguments.of("a sku with spaces", product("GREEN TEA", 1).encode(), 422, "validation"),
        Arguments.of("no name", without("name"), 422, "validation"),
        Arguments.of("no price", without("price"), 422, "validation"),
        Arguments.of("a negative price", product("NEW-1", 1).put("price",
            new JsonObject().put("minor", -1).put("currency", "EUR")).encode(), 422, "validation"),
        Arguments.of("a fractional price", product("NEW-1", 1).put("price",
            new JsonObject().put("minor", 4.5).put("currency", "EUR")).encode(), 422, "validation"),
        Arguments.of("negative stock", product("NEW-1", -1).encode(), 422, "validation"),
        Arguments.of("stock given as text", product("NEW-1", 1).put("stock", "ten").encode(), 422, "validation"),
        Arguments.of("a sku that already exists", product("TEA-1", 99).encode(), 409, "conflict"),
        Arguments.of("an escaped NUL in the name", product("NEW-1", 1).put("name", "a\u0000b").encode(), 400, "invalid-text"),
        Arguments.of("an escaped NUL in a key", product("NEW-1", 1).put("note\u0000", "x").encode(), 400, "invalid-text"),
        Arguments.of("an escaped NUL in the currency, one level down", product("NEW-1", 1).put("price",
            new JsonObject().put("minor", 450).put("currency", "EU\u0000")).encode(), 400, "invalid-text"),
        Arguments.of("a lone high surrogate in the name", withName("\\ud800"), 400, "invalid-text"),
        Arguments.of("a lone low surrogate in the name", withName("x\\udc00y"), 400, "invalid-text"),
        Arguments.of("JSON nested ten thousand deep",
            "{\"sku\": \"NEW-1\", \"name\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}", 400, "malformed-json"),
        Arguments.of("a fractional stock", product("NEW-1", 1).put("stock", 1.5).encode(), 422, "validation"),
        Arguments.of("stock 1e400", withRaw("\"stock\": 1", "\"stock\": 1e400"), 422, "validation"),
        Arguments.of("stock 2^63", withRaw("\"stock\": 1", "\"stock\": 9223372036854775808"), 422, "validation"),
        Arguments.of("stock 2^31", withRaw("\"stock\": 1", "\"stock\": 2147483648"), 422, "validation"),
        Arguments.of("stock over a billion", product("NEW-1", 1_000_000_001).encode(), 422, "validation"),
        Arguments.of("a price of 1e400 minor units", withRaw("\"minor\": 450", "\"minor\": 1e400"), 422, "validation"),
        Arguments.of("a price of 2^63 minor units", withRaw("\"minor\": 450", "\"minor\": 9223372036854775808"),
            422, "validation"),
        Arguments.of("a price over 10^12 minor units", withRaw("\"minor\": 450", "\"minor\": 1000000000001"),
            422, "validation"),
        Arguments.of("currency XXX (no currency)", withCurrency("XXX"), 422, "validation"),
        Arguments.of("currency XTS (testing)", withCurrency("XTS"), 422, "validation"),
        Arguments.of("currency XAU (gold)", withCurrency("XAU"), 422, "validation"),
        Arguments.of("currency XPD (palladium)", withCurrency("XPD"), 422, "validation"),
        Arguments.of("currency BOV (a fund code)", withCurrency("BOV"), 422, "validation"),
        Arguments.of("currency DEM (withdrawn)", withCurrency("DEM"), 422, "validation"),
        Arguments.of("currency in lower case", withCurrency("eur"), 422, "validation"));
  }

  @ParameterizedTest(name = "{0} is refused with {2} /problems/{3} and stores nothing")
  @MethodSource("badProducts")
  @DisplayName("a bad product is refused as problem+json and stores nothing")
  void badProductIsRefused(String what, String body, int status, String type) {
    Snapshot before = snapshot();

    assertProblem(service.post("/products", body), status, type);

    assertThat(snapshot()).isEqualTo(before);
  }

  static Stream<Arguments> badRestocks() {
    return Stream.of(
        Arguments.of("quantity 0", "TEA-1", "{\"quantity\": 0}", 422, "validation"),
        Arguments.of("a negative quantity", "TEA-1", "{\"quantity\": -3}", 422, "validation"),
        Arguments.of("no quantity", "TEA-1", "{}", 422, "validation"),
        Arguments.of("a body that is not JSON", "TEA-1", "quantity=3", 400, "malformed-json"),
        Arguments.of("an unknown sku", "NOPE-1", "{\"quantity\": 3}", 404, "not-found"),
        Arguments.of("a fractional quantity", "TEA-1", "{\"quantity\": 1.5}", 422, "validation"),
        Arguments.of("quantity 1e400", "TEA-1", "{\"quantity\": 1e400}", 422, "validation"),
        Arguments.of("quantity 2^63", "TEA-1", "{\"quantity\": 9223372036854775808}", 422, "validation"),
        Arguments.of("quantity 2^31", "TEA-1", "{\"quantity\": 2147483648}", 422, "validation"),
        Arguments.of("a quantity over a billion", "TEA-1", "{\"quantity\": 1000000001}", 422, "validation"),
        Arguments.of("an escaped NUL in a key", "TEA-1", "{\"quantity\": 3, \"\\u0000\": 1}", 400, "invalid-text"),
        Arguments.of("a lone surrogate in a key", "TEA-1", "{\"quantity\": 3, \"\\udfff\": 1}", 400, "invalid-text"),
        Arguments.of("a NUL in the sku", "TEA-1%00", "{\"quantity\": 3}", 400, "invalid-text"),
        Arguments.of("a sku that is not UTF-8", "TEA-%C3%28", "{\"quantity\": 3}", 400, "invalid-text"));
  }

  @ParameterizedTest(name = "restocking with {0} is refused with {3} /problems/{4} and stores nothing")
  @MethodSource("badRestocks")
  @DisplayName("a bad restock is refused as problem+json and stores nothing")
  void badRestockIsRefused(String what, String sku, String body, int status, String type) {
    Snapshot before = snapshot();

    assertProblem(service.post("/products/" + sku + "/restock", body), status, type);

    assertThat(snapshot()).isEqualTo(before);
  }

  static Stream<Arguments> refusedAtTheEdge() {
    return Stream.of("/products", "/products/TEA-1/restock").flatMap(path -> Stream.of(
        Arguments.of(path, "a text/plain body", "text/plain", utf8(product("NEW-1", 1).encode()), 415,
            "unsupported-media-type"),
        Arguments.of(path, "a body without a content type", null, utf8("{\"quantity\": 3}"), 415,
            "unsupported-media-type"),
        Arguments.of(path, "a form", "application/x-www-form-urlencoded", utf8("quantity=3"), 415,
            "unsupported-media-type"),
        Arguments.of(path, "JSON declared in Latin-1", "application/json; charset=iso-8859-1", utf8("{\"quantity\": 3}"),
            415, "unsupported-media-type"),
        Arguments.of(path, "a raw NUL byte in a string", "application/json", withBytes(0x00), 400,
            "malformed-json"),
        Arguments.of(path, "bytes 0xC3 0x28 (not UTF-8)", "application/json", withBytes(0xC3, 0x28), 400, "invalid-text"),
        Arguments.of(path, "an overlong '/' (0xC0 0xAF)", "application/json", withBytes(0xC0, 0xAF), 400, "invalid-text"),
        Arguments.of(path, "a surrogate encoded in UTF-8 (0xED 0xA0 0x80)", "application/json",
            withBytes(0xED, 0xA0, 0x80), 400, "invalid-text"),
        Arguments.of(path, "a body over 64 KiB", "application/json",
            utf8(product("NEW-1", 1).put("name", "x".repeat(64 * 1024)).encode()), 413, "too-large")));
  }

  @ParameterizedTest(name = "POST {0} with {1} is refused with {4} /problems/{5} and stores nothing")
  @MethodSource("refusedAtTheEdge")
  @DisplayName("a body that is not UTF-8 JSON within the limit is refused before any route reads it")
  void refusedAtTheEdge(String path, String what, String contentType, Buffer body, int status, String type) {
    Snapshot before = snapshot();

    assertProblem(service.post(path, contentType, body), status, type);

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("accented text and an emoji in a name are stored and read back unchanged")
  void unicodeTextIsStoredUnchanged() {
    String name = "B\u00e2timent \ud83d\ude00 \u65e5\u672c";

    HttpResponse<Buffer> added = service.post("/products", product("UNI-1", 1).put("name", name).encode());

    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    assertThat(service.row("select name from inventory.products where sku = 'UNI-1'").getString("name")).isEqualTo(name);
    assertThat(service.get("/products/UNI-1").bodyAsJsonObject().getString("name")).isEqualTo(name);
  }

  @Test
  @DisplayName("a restock that would carry stock on hand past what the column holds is a 422 and changes nothing")
  void restockPastTheTopIsRefused() {
    HttpResponse<Buffer> added = service.post("/products", product("BULK-1", 1_000_000_000).encode());
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> first = service.post("/products/BULK-1/restock", "{\"quantity\": 1000000000}");
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    Snapshot before = snapshot();

    assertProblem(service.post("/products/BULK-1/restock", "{\"quantity\": 1000000000}"), 422, "validation");

    assertThat(snapshot()).isEqualTo(before);
    assertThat(service.get("/products/BULK-1").bodyAsJsonObject().getInteger("onHand")).isEqualTo(2_000_000_000);
  }

  @ParameterizedTest(name = "GET {0}")
  @ValueSource(strings = {"/products/TEA%00-1", "/products/%C3%28", "/products/%ED%A0%80", "/products?after=%00"})
  @DisplayName("a URL holding NUL or bytes that are not UTF-8 is a 400 problem, not a database error")
  void unstorableUrlIsRefused(String path) {
    assertProblem(service.get(path), 400, "invalid-text");
  }

  @Test
  @DisplayName("a sku nobody stocked is a 404 problem")
  void unknownSkuIsNotFound() {
    assertProblem(service.get("/products/NOPE-1"), 404, "not-found");
  }

  @Test
  @DisplayName("the validation problem lists every violation at once")
  void validationListsEveryViolation() {
    HttpResponse<Buffer> response = service.post("/products", "{}");

    assertProblem(response, 422, "validation");
    assertThat(response.bodyAsJsonObject().getJsonArray("violations")).hasSize(3);
  }

  /** What a refused request must leave untouched: products, their stock and the log. */
  private record Snapshot(long products, long onHand, long events) {
  }

  private static Snapshot snapshot() {
    return new Snapshot(service.count("select count(*) from inventory.products"),
        service.count("select coalesce(sum(on_hand), 0) from inventory.products"),
        service.count("select count(*) from eventlog.events"));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("/problems/" + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
  }

  private static JsonObject product(String sku, int stock) {
    return new JsonObject().put("sku", sku).put("name", "Product " + sku)
        .put("price", new JsonObject().put("minor", 450).put("currency", "EUR")).put("stock", stock);
  }

  private static String withName(String rawJsonText) {
    return product("NEW-1", 1).encode().replace("Product NEW-1", rawJsonText);
  }

  private static String withRaw(String part, String replacement) {
    String body = product("NEW-1", 1).encode().replace(" ", "");
    String from = part.replace(" ", "");
    assertThat(body).contains(from);
    return body.replace(from, replacement.replace(" ", ""));
  }

  private static String withCurrency(String currency) {
    return product("NEW-1", 1).put("price", new JsonObject().put("minor", 450).put("currency", currency)).encode();
  }

  /** A product whose name holds the bytes given, as they are. */
  private static Buffer withBytes(int... bytes) {
    Buffer body = Buffer.buffer("{\"sku\": \"NEW-1\", \"quantity\": 3, \"name\": \"a");
    for (int b : bytes) {
      body.appendByte((byte) b);
    }
    return body.appendString("b\", \"price\": {\"minor\": 450, \"currency\": \"EUR\"}}");
  }

  private static Buffer utf8(String text) {
    return Buffer.buffer(text.getBytes(UTF_8));
  }

  private static String without(String field) {
    JsonObject product = product("NEW-1", 1);
    product.remove(field);
    return product.encode();
  }
}
