package org.orderplatform.order;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Address;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Message;
import org.orderplatform.events.Money;
import org.orderplatform.events.PaymentEvent;
import org.orderplatform.events.StockLine;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order service's saga over a real bus and PostgreSQL, its participants played by this test:
 * their replies are appended to the log as the inventory and payment services would append them.
 */
@DisplayName("the order saga, with its participants played by the test")
class OrderSagaFlowTest {

  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(Map.of("PAYMENT_DEADLINE", "700ms", "DEADLINE_SCAN_INTERVAL", "20ms",
            "PAYMENT_RETRY_FIRST", "100ms", "PAYMENT_RETRY_MAX", "200ms"),
        new ServiceHarness.Hosting(OrderModule.SCHEMA, OrderModule::new));
    service.append(envelope(new InventoryEvent.ProductAdded("TEA-1", "Tea", new Money(450, "EUR"), 10), UUID.randomUUID()));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("an authorised payment confirms the order, and its history lists every event in order with the steps each drove")
  void happyPathAndHistory() {
    UUID order = place();
    reply(order, new InventoryEvent.StockReserved(order, List.of(new StockLine("TEA-1", 2))));
    UUID payment = paymentIdOnceRequested(order);
    reply(order, new PaymentEvent.PaymentAuthorized(order, payment, new Money(900, "EUR"), "ch_1"));

    awaitStatus(order, "CONFIRMED");
    JsonArray events = service.get("/orders/" + order + "/history").bodyAsJsonObject().getJsonArray("events");
    assertThat(events.stream().map(e -> ((JsonObject) e).getString("type")).toList()).containsExactly(
        "order.placed", "inventory.stock-reserved", "order.reserved", "order.payment-requested",
        "payment.authorized", "order.confirmed", "order.delivery-requested");
    assertThat(events.stream().map(e -> ((JsonObject) e).getInteger("version")).toList())
        .containsExactly(1, null, 2, 3, null, 4, 5);
    assertThat(events.getJsonObject(1).getJsonArray("drove").getList()).containsExactly("stock reserved", "payment requested");
    assertThat(events.getJsonObject(4).getJsonArray("drove").getList()).containsExactly("confirmed", "delivery requested");
    assertThat(events.getJsonObject(2).getString("causationId")).isEqualTo(events.getJsonObject(1).getString("eventId"));
    assertThat(service.count("select count(*) from orders.deadlines where order_id = $1::uuid", order.toString()))
        .as("no timer left").isZero();
  }

  @Test
  @DisplayName("asOf returns the order as it was at that moment, and 404 before it was placed")
  void asOf() {
    UUID order = place();
    Instant placedAt = Instant.parse(service.get("/orders/" + order).bodyAsJsonObject().getString("placedAt"));
    reply(order, new InventoryEvent.StockReserved(order, List.of(new StockLine("TEA-1", 2))));
    awaitStatus(order, "PAYMENT_REQUESTED");

    assertThat(service.get("/orders/" + order + "?asOf=" + placedAt).bodyAsJsonObject().getString("status"))
        .isEqualTo("PLACED");
    assertThat(service.get("/orders/" + order + "?asOf=" + placedAt.minusMillis(1)).statusCode()).isEqualTo(404);
    assertThat(service.get("/orders/" + order + "?asOf=yesterday").statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("a payment past its deadline is compensated: timeout recorded, stock released and any charge refunded, then CANCELLED")
  void paymentDeadline() {
    UUID order = place();
    reply(order, new InventoryEvent.StockReserved(order, List.of(new StockLine("TEA-1", 2))));

    Awaiting.eventually(() -> types(order), t -> t.contains("order.stock-release-requested"), "the compensation");
    assertThat(types(order)).containsSubsequence("order.payment-requested", "order.step-timed-out",
        "order.stock-release-requested", "order.refund-requested");
    reply(order, new InventoryEvent.StockReleased(order, List.of(new StockLine("TEA-1", 2)), "payment not authorised in time"));
    JsonObject cancelled = awaitStatus(order, "CANCELLED");
    assertThat(cancelled.getString("reason")).isEqualTo("payment not authorised in time");
  }

  @Test
  @DisplayName("an unavailable provider is asked again after the retry wait, with the same payment id")
  void unavailableIsRetried() {
    UUID order = place();
    reply(order, new InventoryEvent.StockReserved(order, List.of(new StockLine("TEA-1", 2))));
    UUID payment = paymentIdOnceRequested(order);

    reply(order, new PaymentEvent.PaymentUnavailable(order, payment, "circuit open"));

    Awaiting.eventually(() -> count(order, "order.payment-requested"), n -> n == 2, "a second payment request");
    assertThat(service.count("select count(distinct payload->>'paymentId') from eventlog.events "
        + "where aggregate_id = $1 and type = 'order.payment-requested'", order.toString())).isEqualTo(1);
  }

  @Test
  @DisplayName("an authorisation after the order was cancelled is refunded once, and the refund is recorded")
  void lateAuthorisationRefunded() {
    UUID order = place();
    reply(order, new InventoryEvent.StockReserved(order, List.of(new StockLine("TEA-1", 2))));
    UUID payment = paymentIdOnceRequested(order);
    reply(order, new PaymentEvent.PaymentDeclined(order, payment, "insufficient funds"));
    reply(order, new InventoryEvent.StockReleased(order, List.of(new StockLine("TEA-1", 2)), "declined"));
    awaitStatus(order, "CANCELLED");

    reply(order, new PaymentEvent.PaymentAuthorized(order, payment, new Money(900, "EUR"), "ch_late"));
    reply(order, new PaymentEvent.PaymentAuthorized(order, payment, new Money(900, "EUR"), "ch_late"));
    Awaiting.eventually(() -> count(order, "order.refund-requested"), n -> n == 1, "the refund request");
    reply(order, new PaymentEvent.PaymentRefunded(order, payment, new Money(900, "EUR")));

    JsonObject refunded = Awaiting.eventually(() -> service.get("/orders/" + order).bodyAsJsonObject(),
        o -> o.getBoolean("refunded"), "the refund recorded");
    assertThat(refunded.getString("status")).isEqualTo("CANCELLED");
    assertThat(count(order, "order.refund-requested")).isEqualTo(1);
    assertThat(count(order, "order.refunded")).isEqualTo(1);
  }

  @Test
  @DisplayName("replies racing the payment deadline: each order is either confirmed or timed out and refunded, never both")
  void repliesRaceTheDeadline() {
    Random random = new Random(Long.getLong("race.seed", 7L));
    List<UUID> orders = IntStream.range(0, 30).mapToObj(i -> place()).toList();
    orders.forEach(order -> reply(order, new InventoryEvent.StockReserved(order, List.of(new StockLine("TEA-1", 1)))));
    List<UUID> payments = orders.stream().map(OrderSagaFlowTest::paymentIdOnceRequested).toList();
    long start = System.nanoTime();
    List<Integer> offsets = orders.stream().map(o -> 450 + random.nextInt(500)).sorted().toList();
    for (int i = 0; i < orders.size(); i++) {
      long due = start + offsets.get(i) * 1_000_000L;
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
      reply(orders.get(i), new PaymentEvent.PaymentAuthorized(orders.get(i), payments.get(i), new Money(450, "EUR"), "ch"));
    }

    for (UUID order : orders) {
      Awaiting.eventually(() -> types(order), t -> t.contains("order.confirmed") || t.contains("order.refund-requested"),
          "order " + order + " settled");
      List<String> types = types(order);
      boolean confirmed = types.contains("order.confirmed");
      boolean timedOut = types.contains("order.step-timed-out");
      assertThat(confirmed ^ timedOut).as("exactly one decision for " + types).isTrue();
      assertThat(count(order, "order.refund-requested")).as(types.toString()).isEqualTo(timedOut ? 1 : 0);
      assertThat(service.count("select count(*) from eventlog.events where aggregate_id = $1 and stream_version is not null",
          order.toString())).as("versions 1..n without a gap").isEqualTo(service.count(
          "select max(stream_version) from eventlog.events where aggregate_id = $1", order.toString()));
    }
  }

  @Test
  @DisplayName("twenty concurrent requests with one Idempotency-Key make one order; the key with another body is a 409")
  void idempotencyKeyRace() {
    String body = orderBody(1);
    List<Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(service.request(HttpMethod.POST, "/orders", body, Map.of("Idempotency-Key", "race-key-1")));
    }
    var responses = requests.stream().map(Awaiting::await).toList();

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 201));
    assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
    assertThat(responses.stream().map(r -> r.bodyAsJsonObject().getString("orderId")).distinct()).hasSize(1);
    String orderId = responses.get(0).bodyAsJsonObject().getString("orderId");
    assertThat(service.count("select count(*) from eventlog.events e join orders.idempotency_keys k "
        + "on e.aggregate_id = k.order_id::text where k.key = 'race-key-1' and e.type = 'order.placed'")).isEqualTo(1);
    assertThat(service.post("/orders", body, Map.of("Idempotency-Key", "race-key-1")).bodyAsJsonObject()
        .getString("orderId")).isEqualTo(orderId);
    var reused = service.post("/orders", orderBody(2), Map.of("Idempotency-Key", "race-key-1"));
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(reused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/idempotency-key-reused");
  }

  @Test
  @DisplayName("an order for a product created a moment before is never refused as unknown")
  void productCreatedThenOrdered() {
    for (int i = 0; i < 30; i++) {
      String sku = "NEW-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
      service.append(envelope(new InventoryEvent.ProductAdded(sku, "New", new Money(100, "EUR"), 5), UUID.randomUUID()));
      var placed = service.post("/orders", orderBody(sku, 1));
      assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    }
  }

  @Test
  @DisplayName("a cancellation after payment releases the stock, asks for the refund and the shipment's cancellation, ends CANCELLED, and asking again changes nothing")
  void cancelBeforeDispatch() {
    UUID order = confirmedOrder();

    var cancelled = service.post("/orders/" + order + "/cancel", "{\"reason\":\"changed my mind\"}");

    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("CANCELLING");
    assertThat(types(order)).containsSubsequence("order.cancellation-requested", "order.stock-release-requested",
        "order.refund-requested", "order.delivery-cancellation-requested");
    reply(order, new InventoryEvent.StockReleased(order, List.of(new StockLine("TEA-1", 2)), "changed my mind"));
    awaitStatus(order, "CANCELLED");
    long events = service.count("select count(*) from eventlog.events where aggregate_id = $1", order.toString());
    var again = service.post("/orders/" + order + "/cancel", "{\"reason\":\"again\"}");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("CANCELLED");
    assertThat(service.count("select count(*) from eventlog.events where aggregate_id = $1", order.toString()))
        .isEqualTo(events);
  }

  @Test
  @DisplayName("a cancellation after dispatch is a 409 problem and changes nothing")
  void cancelAfterDispatch() {
    UUID order = confirmedOrder();
    UUID delivery = UUID.randomUUID();
    reply(order, new DeliveryEvent.DeliveryScheduled(order, delivery, new Address("1 Main St", null, "75001", "Paris",
        "FR"), Instant.now(), "colissimo", "CO1", LocalDate.now().plusDays(2)));
    awaitStatus(order, "DELIVERY_SCHEDULED");
    reply(order, new DeliveryEvent.DeliveryDispatched(order, delivery, "CO1"));
    awaitStatus(order, "DISPATCHED");
    long events = service.count("select count(*) from eventlog.events where aggregate_id = $1", order.toString());

    var refused = service.post("/orders/" + order + "/cancel", "{\"reason\":\"too late\"}");

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/order-not-cancellable");
    assertThat(service.count("select count(*) from eventlog.events where aggregate_id = $1", order.toString()))
        .isEqualTo(events);
    assertThat(service.post("/orders/" + UUID.randomUUID() + "/cancel", "{\"reason\":\"x\"}").statusCode()).isEqualTo(404);
    assertThat(service.post("/orders/" + order + "/cancel", "{}").statusCode()).isEqualTo(422);
  }

  @Test
  @DisplayName("keyset pages list a customer's orders newest first, each exactly once, while new orders arrive")
  void listPagesWhileOrdersArrive() {
    String customer = "list-" + UUID.randomUUID();
    List<String> existing = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      existing.add(place(customer).toString());
    }
    Awaiting.eventually(() -> service.count("select count(*) from orders.orders where customer_id = $1", customer),
        n -> n == 25, "the read model to hold the 25 orders");

    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      var page = service.get("/orders?customerId=" + customer + "&limit=7" + (next == null ? "" : "&after=" + next));
      assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
      page.bodyAsJsonObject().getJsonArray("orders").forEach(o -> seen.add(((JsonObject) o).getString("orderId")));
      next = page.bodyAsJsonObject().getString("next");
      place(customer);
      place(customer);
    } while (next != null && ++pages < 20);

    assertThat(seen).doesNotHaveDuplicates().containsAll(existing);
    assertThat(service.get("/orders?limit=0").statusCode()).isEqualTo(400);
    assertThat(service.get("/orders?limit=201").statusCode()).isEqualTo(400);
    assertThat(service.get("/orders?status=LOST").statusCode()).isEqualTo(400);
    assertThat(service.get("/orders?after=not-a-cursor").statusCode()).isEqualTo(400);
    assertThat(service.get("/orders?customerId=" + customer + "&status=PLACED&limit=200").bodyAsJsonObject()
        .getJsonArray("orders").size()).isGreaterThan(0);
  }

  /** An order the participants took to CONFIRMED. */
  private static UUID confirmedOrder() {
    UUID order = place();
    reply(order, new InventoryEvent.StockReserved(order, List.of(new StockLine("TEA-1", 2))));
    reply(order, new PaymentEvent.PaymentAuthorized(order, paymentIdOnceRequested(order), new Money(900, "EUR"), "ch"));
    awaitStatus(order, "CONFIRMED");
    return order;
  }

  private static UUID place(String customer) {
    var placed = service.post("/orders", new JsonObject(orderBody(1)).put("customerId", customer).encode());
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    return UUID.fromString(placed.bodyAsJsonObject().getString("orderId"));
  }

  private static UUID place() {
    var placed = service.post("/orders", orderBody(2));
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    return UUID.fromString(placed.bodyAsJsonObject().getString("orderId"));
  }

  private static String orderBody(int quantity) {
    return orderBody("TEA-1", quantity);
  }

  private static String orderBody(String sku, int quantity) {
    return new JsonObject().put("customerId", "c-1")
        .put("items", new JsonArray().add(new JsonObject().put("sku", sku).put("quantity", quantity)))
        .put("shippingAddress", new JsonObject().put("line1", "1 Main St").put("postalCode", "75001")
            .put("city", "Paris").put("country", "FR")).encode();
  }

  private static UUID paymentIdOnceRequested(UUID order) {
    return UUID.fromString(Awaiting.eventually(() -> service.get("/orders/" + order).bodyAsJsonObject(),
        o -> o.getString("paymentId") != null, "the payment request").getString("paymentId"));
  }

  private static void reply(UUID order, Message event) {
    service.append(envelope(event, order));
  }

  private static Envelope<Message> envelope(Message event, UUID correlation) {
    return Envelope.of(event, UUID.randomUUID(), Instant.now(), correlation, null, null);
  }

  private static JsonObject awaitStatus(UUID order, String status) {
    return Awaiting.eventually(() -> service.get("/orders/" + order).bodyAsJsonObject(),
        o -> status.equals(o.getString("status")), "order " + order + " to become " + status);
  }

  private static List<String> types(UUID order) {
    String[] types = service.row("select array_agg(type order by position nulls last, id)::text[] from eventlog.events "
        + "where aggregate_id = $1", order.toString()).getArrayOfStrings(0);
    return types == null ? List.of() : List.of(types);
  }

  private static long count(UUID order, String type) {
    return service.count("select count(*) from eventlog.events where aggregate_id = $1 and type = $2",
        order.toString(), type);
  }
}
