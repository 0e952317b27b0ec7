package org.orderplatform.launcher.saga;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.launcher.Service;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.runtime.PlatformTracing;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every service of the platform in one JVM, as {@code java -jar} runs them, with the steps the saga tests share. */
final class SagaHarness {

  final ServiceHarness service;

  private SagaHarness(ServiceHarness service) {
    this.service = service;
  }

  static SagaHarness start(Map<String, String> env) {
    return start(env, PlatformTracing.off());
  }

  static SagaHarness start(Map<String, String> env, PlatformTracing tracing) {
    return new SagaHarness(ServiceHarness.start(env, tracing, Arrays.stream(Service.values())
        .map(s -> new ServiceHarness.Hosting(s.schema(), s.factory())).toArray(ServiceHarness.Hosting[]::new)));
  }

  void product(String sku, int stock) {
    var added = service.post("/products", new JsonObject().put("sku", sku).put("name", sku)
        .put("price", new JsonObject().put("minor", 450).put("currency", "EUR")).put("stock", stock).encode());
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
  }

  UUID place(String sku, int quantity, String token) {
    JsonObject body = new JsonObject().put("customerId", "c-1")
        .put("items", new JsonArray().add(new JsonObject().put("sku", sku).put("quantity", quantity)))
        .put("shippingAddress", new JsonObject().put("line1", "1 Main St").put("postalCode", "75001")
            .put("city", "Paris").put("country", "FR"));
    if (token != null) {
      body.put("paymentToken", token);
    }
    var placed = service.post("/orders", body.encode());
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    return UUID.fromString(placed.bodyAsJsonObject().getString("orderId"));
  }

  JsonObject awaitStatus(UUID order, String status) {
    return Awaiting.eventually(() -> service.get("/orders/" + order).bodyAsJsonObject(),
        o -> status.equals(o.getString("status")), "order " + order + " to become " + status);
  }

  /** The saga's events in the order's history; the notifications, told concurrently, are left out (see {@link #told}). */
  List<String> history(UUID order) {
    return allHistory(order).stream().filter(type -> !type.startsWith("notification.")).toList();
  }

  /** The topics the customer was told about through the channel, as the notification service recorded them. */
  List<String> told(UUID order, String channel) {
    List<String> topics = new ArrayList<>();
    Awaiting.await(service.pool.preparedQuery(
            "select payload->>'topic' as topic from eventlog.events where aggregate_id = $1"
                + " and type = 'notification.customer-notified' and payload->>'channel' = $2 order by id")
        .execute(Tuple.of(order.toString(), channel)))
        .forEach(row -> topics.add(row.getString("topic")));
    return topics;
  }

  private List<String> allHistory(UUID order) {
    return service.get("/orders/" + order + "/history").bodyAsJsonObject().getJsonArray("events").stream()
        .map(e -> ((JsonObject) e).getString("type")).toList();
  }

  long reserved(String sku) {
    return service.count("select reserved from inventory.products where sku = $1", sku);
  }

  long onHand(String sku) {
    return service.count("select on_hand from inventory.products where sku = $1", sku);
  }

  /** Charges the provider took for the order (its ledger, declines not counted). */
  long charges(UUID order) {
    return service.count("select count(*) from payment_provider.charges where idempotency_key = $1 and outcome = 'charged'",
        order.toString());
  }

  long refunds(UUID order) {
    return service.count("select count(*) from payment_provider.refunds where charge_key = $1", order.toString());
  }

  void simulator(String path, JsonObject body) {
    var answer = service.post("/simulator/" + path, body.encode());
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
  }

  void close() {
    service.close();
  }
}
