package org.orderplatform.inventory;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.Currencies;
import org.orderplatform.inventory.domain.NewProduct;
import org.orderplatform.messaging.testing.Gen;
import org.orderplatform.messaging.testing.HostileBodies;
import org.orderplatform.messaging.testing.HostileBodies.Body;
import org.orderplatform.messaging.testing.HostileBodies.Raw;
import org.orderplatform.messaging.testing.Tries;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.HostileBodies.assertRefused;
import static org.orderplatform.messaging.testing.HostileBodies.negative;
import static org.orderplatform.messaging.testing.HostileBodies.replacing;
import static org.orderplatform.messaging.testing.HostileBodies.wholeNumbersFrom;

/**
 * Every body these generators make is wrong by construction (one field made wrong, a required
 * field missing, not JSON, not declared as JSON), so the only right answer is a 4xx problem, and
 * the stored state must not move. Each property draws {@value #TRIES} bodies from the seed {@link Tries} reads.
 */
@DisplayName("the inventory's POST routes refuse whatever is wrong with a body")
class InventoryRoutesPropertyTest {

  private static final int TRIES = 200;
  private static final List<String> PRODUCT_KEYS = List.of("sku", "name", "price", "minor", "currency", "stock");
  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(InventoryModule.SCHEMA, InventoryModule::new);
    HttpResponse<Buffer> added = service.post("/products", HostileBodies.render(validProduct()));
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("a product with one field made wrong is a 4xx problem and stores nothing")
  void productWithOneWrongField() {
    Tries.forAll(TRIES, productsWithOneWrongField().map(Body::json),
        body -> assertRefusedAndNothingStored("/products", body));
  }

  @Test
  @DisplayName("a product body that is not a JSON object with a sku is a 4xx problem and stores nothing")
  void malformedProduct() {
    Tries.forAll(TRIES, malformedProducts(), body -> assertRefusedAndNothingStored("/products", body));
  }

  @Test
  @DisplayName("a restock with a wrong quantity, or a body that is not one, is a 4xx problem and stores nothing")
  void wrongRestock() {
    Tries.forAll(TRIES, wrongRestocks(), body -> assertRefusedAndNothingStored("/products/PROP-1/restock", body));
  }

  private static Gen<Object> productsWithOneWrongField() {
    return Gen.oneOf(
        replacing(InventoryRoutesPropertyTest::newProduct, Gen.oneOf(HostileBodies.notText(), Gen.just(null),
            Gen.of("", " ", "GREEN TEA", "-A", "A".repeat(65), "TEA/1", "TÉ-1")), "sku"),
        replacing(InventoryRoutesPropertyTest::newProduct, Gen.oneOf(HostileBodies.notText(), Gen.just(null),
            Gen.of("", "   ", "n".repeat(201))), "name"),
        replacing(InventoryRoutesPropertyTest::newProduct, Gen.oneOf(HostileBodies.notText().filter(v -> !(v instanceof Map)),
            Gen.just(null), Gen.just(Map.of())), "price"),
        replacing(InventoryRoutesPropertyTest::newProduct, Gen.oneOf(HostileBodies.notWholeNumber(),
            Gen.just(null), negative(wholeNumbersFrom(BigInteger.ONE)),
            wholeNumbersFrom(BigInteger.valueOf(NewProduct.MAX_PRICE_MINOR + 1))), "price", "minor"),
        replacing(InventoryRoutesPropertyTest::newProduct, Gen.oneOf(HostileBodies.notText(), Gen.just(null),
            Gen.of("XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "BOV", "CHE", "XDR", "DEM", "HRK", "eur", "EURO", "E"),
            Gen.strings(Gen.charsBetween('A', 'Z'), 3, 3)
                .filter(code -> !Currencies.isActive(code))), "price", "currency"),
        replacing(InventoryRoutesPropertyTest::newProduct, Gen.oneOf(HostileBodies.notWholeNumber(),
            negative(wholeNumbersFrom(BigInteger.ONE)),
            wholeNumbersFrom(BigInteger.valueOf(NewProduct.MAX_STOCK + 1L))), "stock"),
        HostileBodies.withUnstorableText(InventoryRoutesPropertyTest::newProduct));
  }

  private static Gen<Body> malformedProducts() {
    return Gen.oneOf(HostileBodies.malformed(InventoryRoutesPropertyTest::newProduct, PRODUCT_KEYS),
        HostileBodies.objectsWithout("sku", PRODUCT_KEYS));
  }

  private static Gen<Body> wrongRestocks() {
    return Gen.oneOf(
        replacing(InventoryRoutesPropertyTest::restock, Gen.oneOf(HostileBodies.notWholeNumber(),
            Gen.just(null), Gen.of(new Raw("0"), new Raw("-1")),
            negative(wholeNumbersFrom(BigInteger.ONE)),
            wholeNumbersFrom(BigInteger.valueOf(NewProduct.MAX_STOCK + 1L))), "quantity").map(Body::json),
        HostileBodies.withUnstorableText(InventoryRoutesPropertyTest::restock).map(Body::json),
        HostileBodies.malformed(InventoryRoutesPropertyTest::restock, List.of("quantity")),
        HostileBodies.objectsWithout("quantity", List.of("quantity")));
  }

  /** A product that would be stored if nothing were wrong with it; its sku is new to the shop. */
  private static Map<String, Object> newProduct() {
    Map<String, Object> product = validProduct();
    product.put("sku", "NEW-1");
    return product;
  }

  private static Map<String, Object> validProduct() {
    Map<String, Object> price = new LinkedHashMap<>(Map.of("minor", new Raw("450"), "currency", "EUR"));
    Map<String, Object> product = new LinkedHashMap<>();
    product.put("sku", "PROP-1");
    product.put("name", "Property tea");
    product.put("price", price);
    product.put("stock", new Raw("10"));
    return product;
  }

  private static Map<String, Object> restock() {
    return new LinkedHashMap<>(Map.of("quantity", new Raw("3")));
  }

  private static void assertRefusedAndNothingStored(String path, Body body) {
    List<Long> before = stored();

    assertRefused(service.post(path, body.contentType(), body.bytes()));

    assertThat(stored()).isEqualTo(before);
  }

  /** Products, their stock, and the log. */
  private static List<Long> stored() {
    return List.of(service.count("select count(*) from inventory.products"),
        service.count("select coalesce(sum(on_hand), 0) + coalesce(sum(reserved), 0) from inventory.products"),
        service.count("select count(*) from eventlog.events"));
  }
}
