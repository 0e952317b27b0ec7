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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two fat-jar JVMs in one cluster, each logging its spans ({@code OTEL_TRACES_EXPORTER=logging})
 * and its lines as JSON: the order JVM runs only the order service, the other JVM every other one.
 * One order's trace must run through both processes' logs, and each process's lines about the
 * order must carry that trace.
 */
@DisplayName("one trace across two JVMs")
class TwoJvmTracesIT {

  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static final Map<String, String> ENV = Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "DEBUG",
      "OTEL_TRACES_EXPORTER", "logging");

  private static TestDatabase db;
  private static PlatformProcess orders;
  private static PlatformProcess others;

  @BeforeAll
  static void startBothJvms() throws Exception {
    db = TestDatabase.create();
    ClusterMembers members = ClusterMembers.pick();
    orders = PlatformProcess.start("traces-orders", db.settings().url(), PlatformProcess.freePort(), ENV,
        members.flags(members.first(), "-cluster-host", "127.0.0.1", "--services=order"));
    others = PlatformProcess.start("traces-others", db.settings().url(), PlatformProcess.freePort(), ENV,
        members.flags(members.second(), "-cluster-host", "127.0.0.1",
            "--services=inventory,payment,payment-provider,delivery,notification"));
    orders.awaitReady(START);
    others.awaitReady(START);
  }

  @AfterAll
  static void stopBothJvms() throws Exception {
    if (orders != null) {
      orders.close();
    }
    if (others != null) {
      others.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName("an order placed on one JVM and fulfilled on the other is one trace in both JVMs' spans and lines")
  void oneTraceInBothJvms() throws Exception {
    String sku = "TRACE-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> added = others.post("/products", Bodies.product(sku, 10));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    // The order JVM prices from its catalogue, which learns the product from the log.
    HttpResponse<String> placed = Awaiting.eventually(() -> orders.post("/orders", Bodies.order("c-1", sku, 1)),
        response -> response.statusCode() == 201, SETTLE, "the order JVM to accept an order for " + sku);
    String order = new JsonObject(placed.body()).getString("orderId");
    Awaiting.eventually(() -> new JsonObject(orders.get("/orders/" + order).body()).getString("status"),
        "DELIVERY_SCHEDULED"::equals, SETTLE, "order " + order + " to have its shipment scheduled");

    String trace = traceOf(orders.jsonLines(), order, "recorded order.placed");
    List<JsonObject> onOthers = Awaiting.eventually(others::jsonLines,
        found -> spans(found, trace).containsAll(Set.of("'process inventory'", "'process payment'",
            "'process delivery'", "'process notification-log'")),
        SETTLE, "the other JVM's consumer spans in trace " + trace);
    List<JsonObject> onOrders = orders.jsonLines();

    assertThat(spans(onOrders, trace)).as("spans of trace %s on the order JVM", trace)
        .contains("'POST'", "'process order-saga'");
    assertThat(onOthers).as("the payment's call to the provider, both sides, on the other JVM")
        .anySatisfy(line -> assertThat(line.getString("message")).contains("'POST' : " + trace).contains("CLIENT")
            .contains("/provider/charges"))
        .anySatisfy(line -> assertThat(line.getString("message")).contains("'POST' : " + trace).contains("SERVER")
            .contains("/provider/charges"));
    for (List<JsonObject> jvm : List.of(onOrders, onOthers)) {
      assertThat(jvm.stream().filter(line -> order.equals(line.getString("order_id")))
          .map(line -> line.getString("trace_id")).collect(Collectors.toSet()))
          .as("the trace ids of the lines about order %s", order).containsExactly(trace);
    }
    assertThat(traceOf(onOthers, order, "recorded inventory.stock-reserved")).isEqualTo(trace);
  }

  /** The trace of the line about {@code order} whose message starts so. */
  private static String traceOf(List<JsonObject> lines, String order, String message) {
    return lines.stream()
        .filter(line -> order.equals(line.getString("order_id")) && line.getString("message").startsWith(message))
        .map(line -> line.getString("trace_id")).findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + message + "' about order " + order));
  }

  /** The names of the spans of {@code trace} that a JVM logged ({@code 'name' : trace span KIND ...}). */
  private static Set<String> spans(List<JsonObject> lines, String trace) {
    return lines.stream().map(line -> line.getString("message"))
        .filter(message -> message != null && message.contains("' : " + trace + " "))
        .map(message -> message.substring(0, message.indexOf(" : ")))
        .collect(Collectors.toSet());
  }
}
