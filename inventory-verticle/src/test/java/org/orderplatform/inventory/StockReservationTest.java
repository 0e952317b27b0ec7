package org.orderplatform.inventory;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Address;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reservations through the real dispatcher and inbox, racing on one product's row. */
class StockReservationTest {

  private static final int ORDERS = 50;
  private static final int STOCK = 20;
  private static final Address ADDRESS = new Address("1 Main St", null, "75001", "Paris", "FR");

  private ServiceHarness service;

  @BeforeEach
  void start() {
    service = ServiceHarness.start(InventoryModule.SCHEMA, InventoryModule::new);
    HttpResponse<Buffer> added = service.post("/products", "{\"sku\":\"TEA-1\",\"name\":\"Green tea\","
        + "\"price\":{\"minor\":450,\"currency\":\"EUR\"},\"stock\":" + STOCK + "}");
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("50 orders racing for 20 units reserve exactly 20, reject 30, and conserve stock throughout")
  void racingOrdersConserveStock() {
    List<Envelope<OrderEvent>> orders = IntStream.range(0, ORDERS).mapToObj(i -> placed(1)).toList();
    // One commit, distinct aggregates: the dispatcher sends them in parallel, so their handlers
    // contend for the same product row.
    service.appendAll(orders);

    List<Stock> samples = new ArrayList<>();
    Awaiting.eventually(() -> {
      samples.add(stock());
      return service.count("select count(*) from eventlog.events where type in "
          + "('inventory.stock-reserved', 'inventory.stock-rejected')");
    }, answered -> answered >= ORDERS, "an inventory answer to every order");

    samples.add(stock());
    assertThat(samples).allSatisfy(sample -> {
      assertThat(sample.reserved()).isBetween(0L, sample.onHand());
      assertThat(sample.onHand()).isEqualTo(STOCK);
    });
    Stock last = stock();
    assertThat(last.reserved()).isEqualTo(STOCK);
    assertThat(last.reserved()).isEqualTo(service.count("select coalesce(sum(quantity), 0) from inventory.reservations"));
    assertThat(service.count("select count(distinct order_id) from inventory.reservations")).isEqualTo(STOCK);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-reserved'"))
        .isEqualTo(STOCK);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-rejected'"))
        .isEqualTo(ORDERS - STOCK);
    assertThat(service.count("select count(distinct aggregate_id) from eventlog.events where type in "
        + "('inventory.stock-reserved', 'inventory.stock-rejected')")).isEqualTo(ORDERS);
    assertThat(service.count("select count(*) from eventlog.dead_letters")).isZero();
    assertThat(service.get("/products/TEA-1").bodyAsJsonObject().getInteger("available")).isZero();
  }

  @Test
  @DisplayName("an OrderPlaced delivered twice at once is acknowledged twice but reserves once")
  void duplicateDeliveryReservesOnce() {
    Envelope<OrderEvent> order = placed(3);

    List<Future<?>> replies = List.of(service.deliver(InventoryModule.RESERVATIONS_GROUP, order),
        service.deliver(InventoryModule.RESERVATIONS_GROUP, order));
    Awaiting.await(Future.all(replies));

    assertThat(stock().reserved()).isEqualTo(3);
    assertThat(service.count("select count(*) from inventory.reservations where order_id = $1",
        order.payload().orderId())).isEqualTo(1);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-reserved'"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a replayed OrderPlaced (inbox forgotten) keeps the first decision, even after a restock")
  void replayKeepsTheDecision() {
    Envelope<OrderEvent> tooMuch = placed(STOCK + 5);
    Awaiting.await(service.deliver(InventoryModule.RESERVATIONS_GROUP, tooMuch));
    Envelope<OrderEvent> fits = placed(2);
    Awaiting.await(service.deliver(InventoryModule.RESERVATIONS_GROUP, fits));
    service.post("/products/TEA-1/restock", "{\"quantity\":100}");
    Awaiting.await(service.pool.query("delete from eventlog.inbox").execute());

    Awaiting.await(service.deliver(InventoryModule.RESERVATIONS_GROUP, tooMuch));
    Awaiting.await(service.deliver(InventoryModule.RESERVATIONS_GROUP, fits));

    assertThat(stock().reserved()).isEqualTo(2);
    assertThat(service.count("select count(*) from inventory.reservations")).isEqualTo(1);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-reserved'"))
        .isEqualTo(1);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-rejected'"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("an order with one line short reserves none of its lines")
  void allOrNothing() {
    service.post("/products", "{\"sku\":\"CUP-1\",\"name\":\"Cup\",\"price\":{\"minor\":900,\"currency\":\"EUR\"},"
        + "\"stock\":1}");
    var placed = new OrderEvent.OrderPlaced(UUID.randomUUID(), "c-1", List.of(
        new OrderLine("TEA-1", 2, new Money(450, "EUR")), new OrderLine("CUP-1", 2, new Money(900, "EUR"))),
        new Money(2_700, "EUR"), ADDRESS, "tok_visa");

    Awaiting.await(service.deliver(InventoryModule.RESERVATIONS_GROUP,
        Envelope.of(placed, UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null)));

    assertThat(service.count("select coalesce(sum(reserved), 0) from inventory.products")).isZero();
    assertThat(service.count("select count(*) from inventory.reservations")).isZero();
    Row rejected = service.row("select payload::text as payload from eventlog.events where type = 'inventory.stock-rejected'"
        + " and aggregate_id = $1", placed.orderId().toString());
    assertThat(rejected).isNotNull();
    assertThat(rejected.getString("payload")).contains("CUP-1").doesNotContain("TEA-1");
  }

  @Test
  @DisplayName("batches of orders over many products, their lines in any order, never deadlock and conserve every product's stock")
  void manyProductsInBatches() {
    List<String> skus = IntStream.range(0, 8).mapToObj(i -> "SKU-" + i).toList();
    skus.forEach(sku -> service.post("/products", "{\"sku\":\"" + sku + "\",\"name\":\"x\","
        + "\"price\":{\"minor\":100,\"currency\":\"EUR\"},\"stock\":40}"));
    SplittableRandom random = new SplittableRandom(42);
    List<Envelope<OrderEvent>> orders = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      List<OrderLine> lines = new ArrayList<>();
      for (int l = random.nextInt(1, 4); l > 0; l--) {
        lines.add(new OrderLine(skus.get(random.nextInt(skus.size())), random.nextInt(1, 3), new Money(100, "EUR")));
      }
      var event = new OrderEvent.OrderPlaced(UUID.randomUUID(), "c-" + i, lines, new Money(100, "EUR"), ADDRESS, "tok_visa");
      orders.add(Envelope.of(event, UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null));
    }
    // Several commits, so several batches are in flight at once and contend for the same rows.
    for (int from = 0; from < orders.size(); from += 30) {
      service.appendAll(orders.subList(from, from + 30));
    }

    Awaiting.eventually(() -> service.count("select count(*) from eventlog.events where type in "
        + "('inventory.stock-reserved', 'inventory.stock-rejected')"), n -> n >= orders.size(), "every order answered");
    assertThat(service.count("select count(*) from eventlog.dead_letters")).isZero();
    assertThat(service.count("select count(*) from inventory.decisions")).isEqualTo(orders.size());
    for (String sku : skus) {
      assertThat(service.count("select reserved from inventory.products where sku = $1", sku))
          .as(sku + ": reserved = sum of its reservations")
          .isEqualTo(service.count("select coalesce(sum(quantity), 0) from inventory.reservations where sku = $1", sku))
          .isBetween(0L, 40L);
    }
  }

  private record Stock(long onHand, long reserved) {
  }

  private Stock stock() {
    Row row = service.row("select on_hand, reserved from inventory.products where sku = 'TEA-1'");
    return new Stock(row.getInteger("on_hand"), row.getInteger("reserved"));
  }

  @Test
  @DisplayName("a release gives back exactly what the order holds, once: a second release finds nothing to give")
  void releaseGivesBackOnce() {
    Envelope<OrderEvent> order = placed(3);
    service.append(order);
    Awaiting.eventually(() -> stock().reserved(), reserved -> reserved == 3, "the order's reservation");
    UUID orderId = ((OrderEvent.OrderPlaced) order.payload()).orderId();

    service.append(order.causing(new OrderEvent.StockReleaseRequested(orderId, "payment declined"), UUID.randomUUID(),
        Instant.now()));
    Awaiting.eventually(() -> released(orderId), n -> n == 1, "the StockReleased answer");
    service.append(order.causing(new OrderEvent.StockReleaseRequested(orderId, "again"), UUID.randomUUID(),
        Instant.now()));
    Awaiting.eventually(() -> released(orderId), n -> n == 2, "the second answer");

    assertThat(stock()).isEqualTo(new Stock(STOCK, 0));
    assertThat(service.count("select jsonb_array_length(payload->'lines') from eventlog.events "
        + "where type = 'inventory.stock-released' and aggregate_id = $1 order by id", orderId.toString()))
        .as("the first answer's lines").isEqualTo(1);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-released' and "
        + "aggregate_id = $1 and payload @> '{\"lines\":[{\"sku\":\"TEA-1\",\"quantity\":3}],\"reason\":\"payment declined\"}'",
        orderId.toString())).isEqualTo(1);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-released' and "
        + "aggregate_id = $1 and payload->'lines' = '[]'::jsonb", orderId.toString())).as("the second gives nothing").isEqualTo(1);
  }

  @Test
  @DisplayName("a release for a rejected order gives nothing back and still answers")
  void releaseOfARejectedOrder() {
    Envelope<OrderEvent> order = placed(STOCK + 1);
    service.append(order);
    UUID orderId = ((OrderEvent.OrderPlaced) order.payload()).orderId();
    Awaiting.eventually(() -> service.count("select count(*) from eventlog.events where type = 'inventory.stock-rejected'"),
        n -> n == 1, "the rejection");

    service.append(order.causing(new OrderEvent.StockReleaseRequested(orderId, "rejected"), UUID.randomUUID(),
        Instant.now()));

    Awaiting.eventually(() -> released(orderId), n -> n == 1, "the StockReleased answer");
    assertThat(stock()).isEqualTo(new Stock(STOCK, 0));
  }

  @Test
  @DisplayName("a dispatched shipment takes the order's reserved units off the shelf, once: a second dispatch ships nothing")
  void dispatchShipsTheReservationOnce() {
    Envelope<OrderEvent> order = placed(3);
    service.append(order);
    Awaiting.eventually(() -> stock().reserved(), reserved -> reserved == 3, "the order's reservation");
    UUID orderId = ((OrderEvent.OrderPlaced) order.payload()).orderId();
    UUID deliveryId = UUID.randomUUID();

    Envelope<DeliveryEvent> dispatched = dispatched(orderId, deliveryId);
    service.append(dispatched);
    Awaiting.eventually(() -> shipped(orderId), n -> n == 1, "the StockShipped answer");

    assertThat(stock()).isEqualTo(new Stock(STOCK - 3, 0));
    assertThat(service.count("select count(*) from inventory.reservations where order_id = $1 and status = 'shipped'",
        orderId)).isEqualTo(1);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-shipped' and "
        + "aggregate_id = $1 and payload @> '{\"lines\":[{\"sku\":\"TEA-1\",\"quantity\":3}]}'", orderId.toString()))
        .isEqualTo(1);
    assertThat(service.row("select headers->>'causationId' as cause from eventlog.events "
        + "where type = 'inventory.stock-shipped' and aggregate_id = $1", orderId.toString()).getString("cause"))
        .isEqualTo(dispatched.eventId().toString());

    // A second dispatch (a new event, and the same one replayed with the inbox forgotten) changes nothing.
    Envelope<DeliveryEvent> again = dispatched(orderId, deliveryId);
    Awaiting.await(service.deliver(InventoryModule.RESERVATIONS_GROUP, again));
    Awaiting.await(service.pool.query("delete from eventlog.inbox").execute());
    Awaiting.await(service.deliver(InventoryModule.RESERVATIONS_GROUP, dispatched));
    // Nor can shipped stock be released afterwards.
    service.append(order.causing(new OrderEvent.StockReleaseRequested(orderId, "too late"), UUID.randomUUID(),
        Instant.now()));
    Awaiting.eventually(() -> released(orderId), n -> n == 1, "the StockReleased answer");

    assertThat(stock()).isEqualTo(new Stock(STOCK - 3, 0));
    assertThat(shipped(orderId)).isEqualTo(1);
    assertThat(service.count("select count(*) from eventlog.events where type = 'inventory.stock-released' and "
        + "aggregate_id = $1 and payload->'lines' = '[]'::jsonb", orderId.toString())).isEqualTo(1);
    assertThat(service.get("/products/TEA-1").bodyAsJsonObject().getInteger("available")).isEqualTo(STOCK - 3);
  }

  @Test
  @DisplayName("orders dispatched in one batch ship each its own lines and conserve stock")
  void batchOfDispatches() {
    List<Envelope<OrderEvent>> orders = IntStream.range(0, 4).mapToObj(i -> placed(i + 1)).toList();
    service.appendAll(orders);
    Awaiting.eventually(() -> stock().reserved(), reserved -> reserved == 10, "the orders' reservations");

    service.appendAll(orders.stream().map(o -> dispatched(((OrderEvent.OrderPlaced) o.payload()).orderId(),
        UUID.randomUUID())).toList());
    Awaiting.eventually(() -> service.count("select count(*) from eventlog.events where type = 'inventory.stock-shipped'"),
        n -> n == 4, "four StockShipped answers");

    assertThat(stock()).isEqualTo(new Stock(STOCK - 10, 0));
    assertThat(service.count("select count(*) from eventlog.dead_letters")).isZero();
  }

  private long shipped(UUID orderId) {
    return service.count("select count(*) from eventlog.events where type = 'inventory.stock-shipped' "
        + "and aggregate_id = $1", orderId.toString());
  }

  private static Envelope<DeliveryEvent> dispatched(UUID orderId, UUID deliveryId) {
    return Envelope.of(new DeliveryEvent.DeliveryDispatched(orderId, deliveryId, "COL-1"), UUID.randomUUID(),
        Instant.now(), orderId, null, null);
  }

  private long released(UUID orderId) {
    return service.count("select count(*) from eventlog.events where type = 'inventory.stock-released' "
        + "and aggregate_id = $1", orderId.toString());
  }

  private static Envelope<OrderEvent> placed(int quantity) {
    var event = new OrderEvent.OrderPlaced(UUID.randomUUID(), "c-1",
        List.of(new OrderLine("TEA-1", quantity, new Money(450, "EUR"))), new Money(450L * quantity, "EUR"), ADDRESS, "tok_visa");
    return Envelope.of(event, UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null);
  }
}
