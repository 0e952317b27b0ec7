package org.orderplatform.order;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Money;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.Gen;
import org.orderplatform.messaging.testing.HostileBodies;
import org.orderplatform.messaging.testing.HostileBodies.Body;
import org.orderplatform.messaging.testing.HostileBodies.Raw;
import org.orderplatform.messaging.testing.Tries;
import org.orderplatform.order.http.PlaceOrderRequest;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.HostileBodies.assertRefused;
import static org.orderplatform.messaging.testing.HostileBodies.negative;
import static org.orderplatform.messaging.testing.HostileBodies.replacing;
import static org.orderplatform.messaging.testing.HostileBodies.wholeNumbersFrom;

/**
 * Every body these generators make is wrong by construction (one field made wrong, the items
 * missing, not JSON, not declared as JSON), so the only right answer is a 4xx problem, and no
 * order or event may be stored. Each property draws {@value #TRIES} bodies from the seed {@link Tries} reads.
 */
@DisplayName("POST /orders refuses whatever is wrong with a body")
class OrderRoutesPropertyTest {

  private static final int TRIES = 200;
  private static final List<String> ORDER_KEYS = List.of("customerId", "items", "sku", "quantity", "shippingAddress",
      "line1", "line2", "postalCode", "city", "country", "paymentToken");
  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(OrderModule.SCHEMA, OrderModule::new);
    service.append(Envelope.of(new InventoryEvent.ProductAdded("TEA-1", "Tea", new Money(450, "EUR"), 10),
        UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null));
    Awaiting.eventually(() -> service.count("select count(*) from orders.catalog"), n -> n == 1,
        "the catalogue to project the product");
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("an order with one field made wrong is a 4xx problem and stores nothing")
  void orderWithOneWrongField() {
    Tries.forAll(TRIES, ordersWithOneWrongField().map(Body::json), OrderRoutesPropertyTest::assertRefusedAndNothingStored);
  }

  @Test
  @DisplayName("an order body that is not a JSON object with items is a 4xx problem and stores nothing")
  void malformedOrder() {
    Tries.forAll(TRIES, malformedOrders(), OrderRoutesPropertyTest::assertRefusedAndNothingStored);
  }

  private static Gen<Object> ordersWithOneWrongField() {
    Gen<Object> badText = Gen.oneOf(HostileBodies.notText(), Gen.just(null), Gen.of("", "   "));
    return Gen.oneOf(
        replacing(OrderRoutesPropertyTest::validOrder, Gen.oneOf(badText, Gen.just("c".repeat(201))),
            "customerId"),
        replacing(OrderRoutesPropertyTest::validOrder, Gen.oneOf(HostileBodies.notText(), Gen.just(null),
            Gen.just(List.of()), Gen.just(List.of("TEA-1")), Gen.between(101, 150)
                .map(n -> new ArrayList<Object>(Collections.nCopies(n, item("TEA-1", "1"))))), "items"),
        replacing(OrderRoutesPropertyTest::validOrder, Gen.oneOf(badText, Gen.of("NOPE-1", "tea-1")),
            "items", "sku"),
        replacing(OrderRoutesPropertyTest::validOrder, Gen.oneOf(HostileBodies.notWholeNumber(),
            Gen.just(null), Gen.of(new Raw("0"), new Raw("-1")),
            negative(wholeNumbersFrom(BigInteger.ONE)),
            wholeNumbersFrom(BigInteger.valueOf(PlaceOrderRequest.MAX_QUANTITY + 1L))), "items", "quantity"),
        replacing(OrderRoutesPropertyTest::validOrder, Gen.oneOf(HostileBodies.notText()
            .filter(value -> !(value instanceof Map)), Gen.just(null)), "shippingAddress"),
        replacing(OrderRoutesPropertyTest::validOrder, badText, "shippingAddress", "line1"),
        replacing(OrderRoutesPropertyTest::validOrder, badText, "shippingAddress", "postalCode"),
        replacing(OrderRoutesPropertyTest::validOrder, badText, "shippingAddress", "city"),
        replacing(OrderRoutesPropertyTest::validOrder, HostileBodies.notText(), "shippingAddress", "line2"),
        replacing(OrderRoutesPropertyTest::validOrder, Gen.oneOf(badText,
            Gen.of("fr", "FRA", "F", "F1", "France")), "shippingAddress", "country"),
        replacing(OrderRoutesPropertyTest::validOrder, Gen.oneOf(HostileBodies.notText(),
            Gen.of("", "visa", "tok_", "tok_a b", "tok_" + "a".repeat(61))), "paymentToken"),
        HostileBodies.withUnstorableText(OrderRoutesPropertyTest::validOrder));
  }

  private static Gen<Body> malformedOrders() {
    return Gen.oneOf(HostileBodies.malformed(OrderRoutesPropertyTest::validOrder, ORDER_KEYS),
        HostileBodies.objectsWithout("items", ORDER_KEYS));
  }

  /** An order that would be placed if nothing were wrong with it. */
  private static Map<String, Object> validOrder() {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("line1", "1 Main St");
    address.put("postalCode", "75001");
    address.put("city", "Paris");
    address.put("country", "FR");
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("customerId", "c-1");
    order.put("items", new ArrayList<>(List.of(item("TEA-1", "3"))));
    order.put("shippingAddress", address);
    order.put("paymentToken", "tok_visa");
    return order;
  }

  private static Map<String, Object> item(String sku, String quantity) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("sku", sku);
    item.put("quantity", new Raw(quantity));
    return item;
  }

  private static void assertRefusedAndNothingStored(Body body) {
    List<Long> before = stored();

    assertRefused(service.post("/orders", body.contentType(), body.bytes()));

    assertThat(stored()).isEqualTo(before);
  }

  /** Orders and the log. */
  private static List<Long> stored() {
    return List.of(service.count("select count(*) from orders.orders"),
        service.count("select count(*) from eventlog.events"));
  }
}
