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
import org.orderplatform.runtime.testing.ServiceHarness;

import java.util.stream.Stream;

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
        Arguments.of("a sku that already exists", product("TEA-1", 99).encode(), 409, "conflict"));
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
        Arguments.of("an unknown sku", "NOPE-1", "{\"quantity\": 3}", 404, "not-found"));
  }

  @ParameterizedTest(name = "restocking with {0} is refused with {3} /problems/{4} and stores nothing")
  @MethodSource("badRestocks")
  @DisplayName("a bad restock is refused as problem+json and stores nothing")
  void badRestockIsRefused(String what, String sku, String body, int status, String type) {
    Snapshot before = snapshot();

    assertProblem(service.post("/products/" + sku + "/restock", body), status, type);

    assertThat(snapshot()).isEqualTo(before);
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

  private static String without(String field) {
    JsonObject product = product("NEW-1", 1);
    product.remove(field);
    return product.encode();
  }
}
