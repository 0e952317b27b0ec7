package org.orderplatform.launcher;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.messaging.testing.Awaiting;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order service and the inventory service in two JVMs joined by {@code -cluster} on loopback,
 * sharing one database. The order JVM hosts no inventory code path at all (no routes, no consumer,
 * no dispatcher for the {@code inventory} group), so a reservation can only come from the other JVM.
 */
class TwoJvmClusterIT {

  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(20);

  private static TestDatabase db;
  private static Sql sql;
  private static PlatformProcess orders;
  private static PlatformProcess inventory;

  @BeforeAll
  static void startBothJvms() throws Exception {
    db = TestDatabase.create();
    sql = new Sql(db);
    ClusterMembers members = ClusterMembers.pick();
    orders = PlatformProcess.start("orders", db.settings().url(), PlatformProcess.freePort(),
        members.flags(members.first(), "-cluster-host", "127.0.0.1", "--services=order"));
    inventory = PlatformProcess.start("inventory", db.settings().url(), PlatformProcess.freePort(),
        members.flags(members.second(), "-cluster-host", "127.0.0.1", "--services=inventory,payment,payment-provider,delivery"));
    orders.awaitReady(START);
    inventory.awaitReady(START);
  }

  @AfterAll
  static void stopBothJvms() throws Exception {
    if (orders != null) {
      orders.close();
    }
    if (inventory != null) {
      inventory.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName("the two JVMs form one cluster and each runs only its own service's roles")
  void oneClusterTwoRoles() throws Exception {
    // Hazelcast prints the member list on every change; both sides must have seen the other.
    Awaiting.eventually(() -> orders.logText().contains("Members {size:2") && inventory.logText().contains("Members {size:2"),
        seen -> seen, SETTLE, "both JVMs to log a two-member cluster");
    Awaiting.eventually(() -> inventory.logText().contains("leading order-platform:dispatcher:inventory"),
        leading -> leading, SETTLE, "the inventory JVM to lead the inventory dispatcher");
    assertThat(orders.logText()).doesNotContain("dispatcher:inventory").contains("services [ORDER] on");
    assertThat(inventory.logText()).doesNotContain("dispatcher:order-saga").contains("services [INVENTORY, PAYMENT, PAYMENT_PROVIDER, DELIVERY] on");
    HttpResponse<String> productsOnOrderJvm = orders.get("/products");
    assertThat(productsOnOrderJvm.statusCode()).isEqualTo(404);
    assertThat(productsOnOrderJvm.headers().firstValue("content-type")).hasValue("application/problem+json");
  }

  @Test
  @DisplayName("an order placed on the order JVM is reserved and paid for on the other JVM, and confirmed")
  void orderIsReservedAcrossJvms() throws Exception {
    String sku = "TEA-" + UUID.randomUUID().toString().substring(0, 8);
    stock(sku, 10);

    HttpResponse<String> placed = orders.post("/orders", Bodies.order("c-1", sku, 3));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String orderId = new JsonObject(placed.body()).getString("orderId");

    JsonObject order = awaitSettled(orderId);
    assertThat(order.getString("status")).as(order.encode()).isEqualTo("DELIVERY_SCHEDULED");
    JsonObject product = new JsonObject(inventory.get("/products/" + sku).body());
    assertThat(product.getInteger("reserved")).isEqualTo(3);
    assertThat(product.getInteger("available")).isEqualTo(7);

    // The OrderPlaced written by the order JVM was taken by the inventory group's consumer, which
    // only the inventory JVM hosts, and its answer caused the StockReserved the saga acted on.
    Object placedEventId = sql.value("select event_id from eventlog.events where type = 'order.placed' and aggregate_id = ?",
        orderId);
    assertThat(sql.count("select count(*) from eventlog.inbox where group_name = 'inventory' and event_id = ?",
        placedEventId)).isEqualTo(1);
    assertThat(sql.value("select headers->>'causationId' from eventlog.events where type = 'inventory.stock-reserved'"
        + " and aggregate_id = ?", orderId)).isEqualTo(placedEventId.toString());
    assertThat(sql.count("select count(*) from eventlog.inbox i join eventlog.events e using (event_id)"
        + " where i.group_name = 'order-saga' and e.aggregate_id = ?", orderId)).as("stock reserved, payment authorised, shipment scheduled")
        .isEqualTo(3);
    assertThat(sql.count("select count(*) from payment_provider.charges where idempotency_key = ? and outcome = 'charged'",
        orderId)).isEqualTo(1);
  }

  @Test
  @DisplayName("an order for more than the stock is rejected, naming the short line, and holds nothing")
  void orderBeyondStockIsRejected() throws Exception {
    String sku = "TEA-" + UUID.randomUUID().toString().substring(0, 8);
    stock(sku, 2);

    HttpResponse<String> placed = orders.post("/orders", Bodies.order("c-2", sku, 5));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String orderId = new JsonObject(placed.body()).getString("orderId");

    JsonObject order = awaitSettled(orderId);
    assertThat(order.getString("status")).as(order.encode()).isEqualTo("REJECTED");
    assertThat(order.getString("reason")).contains(sku).contains("requested 5").contains("available 2");
    assertThat(new JsonObject(inventory.get("/products/" + sku).body()).getInteger("reserved")).isZero();
    assertThat(sql.count("select count(*) from inventory.reservations where order_id = ?::uuid", orderId)).isZero();
    assertThat(sql.count("select count(*) from eventlog.events where type = 'order.rejected' and aggregate_id = ?",
        orderId)).isEqualTo(1);
  }

  /** Adds the product on the inventory JVM and waits until the order JVM's catalogue can price it. */
  private static void stock(String sku, int quantity) throws Exception {
    HttpResponse<String> added = inventory.post("/products", Bodies.product(sku, quantity));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    Awaiting.eventually(() -> sql.count("select count(*) from orders.catalog where sku = ?", sku), n -> n == 1, SETTLE,
        "the order catalogue to learn " + sku);
  }

  private static JsonObject awaitSettled(String orderId) throws Exception {
    return Awaiting.eventually(() -> new JsonObject(orders.get("/orders/" + orderId).body()),
        order -> Set.of("DELIVERY_SCHEDULED", "REJECTED", "CANCELLED").contains(order.getString("status")), SETTLE,
        "order " + orderId + " to settle");
  }
}
