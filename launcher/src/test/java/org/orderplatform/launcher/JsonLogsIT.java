package org.orderplatform.launcher;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.TestDatabase;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fat jar with {@code LOG_FORMAT=json}, every service's steps logged ({@code LOG_LEVEL=DEBUG})
 * and traces on ({@code OTEL_TRACES_EXPORTER=logging}, so the spans are log lines too).
 */
@DisplayName("JSON logs")
class JsonLogsIT {

  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static final int ORDERS = 6;

  private static TestDatabase db;
  private static PlatformProcess platform;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    platform = PlatformProcess.start("json-logs", db.settings().url(), PlatformProcess.freePort(),
        Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "DEBUG", "OTEL_TRACES_EXPORTER", "logging"));
    platform.awaitReady(START);
  }

  @AfterAll
  static void stop() throws Exception {
    if (platform != null) {
      platform.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName("every line is JSON, and the lines of one order's handling, in every service, share its trace_id and no other order's")
  void linesOfAnOrderShareItsTrace() throws Exception {
    String sku = "LOG-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> added = platform.post("/products", Bodies.product(sku, 100));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    // Several orders at once, so groups take batches that mix orders.
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      HttpResponse<String> placed = platform.post("/orders", Bodies.order("c-" + i, sku, 1));
      assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
      orders.add(new JsonObject(placed.body()).getString("orderId"));
    }
    for (String order : orders) {
      Awaiting.eventually(() -> new JsonObject(platform.get("/orders/" + order).body()).getString("status"),
          "DELIVERY_SCHEDULED"::equals, SETTLE, "order " + order + " to have its shipment scheduled");
    }
    // The customer's confirmation is the last step of the flow to reach the log.
    List<JsonObject> lines = Awaiting.eventually(platform::jsonLines,
        found -> orders.stream().allMatch(order -> found.stream().anyMatch(line -> isCustomerMessage(line, order, "confirmed"))),
        SETTLE, "each order's confirmation in the customer-messages log");

    Set<String> traces = new java.util.HashSet<>();
    for (String order : orders) {
      List<JsonObject> about = lines.stream().filter(line -> order.equals(line.getString("order_id"))).toList();
      assertThat(about.stream().map(line -> line.getString("message")))
          .as("order %s's lines", order)
          .anyMatch(m -> m.startsWith("recorded order.placed"))
          .anyMatch(m -> m.startsWith("recorded inventory.stock-reserved"))
          .anyMatch(m -> m.startsWith("recorded payment.authorized"))
          .anyMatch(m -> m.startsWith("recorded order.confirmed"))
          .anyMatch(m -> m.startsWith("recorded delivery.scheduled"));
      Set<String> traceIds = about.stream().map(line -> line.getString("trace_id")).collect(Collectors.toSet());
      assertThat(traceIds).as("the trace ids of order %s's lines", order).hasSize(1).doesNotContainNull();
      String trace = traceIds.iterator().next();
      assertThat(lines.stream().filter(line -> trace.equals(line.getString("trace_id")) && line.getString("order_id") != null)
          .map(line -> line.getString("order_id")).collect(Collectors.toSet()))
          .as("the orders named by lines of trace %s", trace).containsExactly(order);
      assertThat(lines).as("spans of order %s's trace from the saga, the inventory, payment and delivery", order)
          .anySatisfy(line -> assertThat(line.getString("message")).contains("'process inventory' : " + trace))
          .anySatisfy(line -> assertThat(line.getString("message")).contains("'process payment' : " + trace))
          .anySatisfy(line -> assertThat(line.getString("message")).contains("'process delivery' : " + trace));
      traces.add(trace);
    }
    assertThat(traces).as("one trace per order").hasSize(ORDERS);
  }

  private static boolean isCustomerMessage(JsonObject line, String order, String topic) {
    String message = line.getString("message");
    return order.equals(line.getString("order_id")) && message != null && message.contains("\"topic\":\"" + topic + "\"");
  }
}
