package org.orderplatform.launcher;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.runtime.PlatformTracing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered nodes in the test's JVM on loopback, sharing one database, each tracing into its
 * own memory: node A runs only the order service, node B every other one. An order's trace leaves
 * A in the envelopes it appends and must come back whole from both nodes' spans.
 */
@DisplayName("traces across a two-node cluster")
class ClusterTracesTest {

  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  private static final String NO_PARENT = SpanId.getInvalid();
  /** The groups each node handles an order's events in, each as the inbox's consumer span. */
  private static final Set<String> CONSUMERS_ON_A = Set.of("process order-saga", "process order-view");
  private static final Set<String> CONSUMERS_ON_B = Set.of("process inventory", "process payment", "process delivery",
      "process notification-log");
  private static final String SKU = "TRACE-CLUSTER-1";

  private static final InMemorySpanExporter spansOnA = InMemorySpanExporter.create();
  private static final InMemorySpanExporter spansOnB = InMemorySpanExporter.create();
  private static TestDatabase db;
  private static PlatformNode nodeA;
  private static PlatformNode nodeB;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    db = TestDatabase.create(Arrays.stream(Service.values()).map(Service::schema).toArray(String[]::new));
    ClusterMembers members = ClusterMembers.pick();
    nodeA = PlatformNode.start(db.settings().url(), PlatformTracing.exportingTo(spansOnA), Map.of(),
        members.flags(members.first(), "--services=order"));
    nodeB = PlatformNode.start(db.settings().url(), PlatformTracing.exportingTo(spansOnB), Map.of(),
        members.flags(members.second(), "--services=inventory,payment,payment-provider,delivery,notification"));

    HttpResponse<String> added = nodeB.post("/products", Bodies.product(SKU, 10));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    Sql sql = new Sql(db);
    Awaiting.eventually(() -> sql.count("select count(*) from orders.catalog where sku = ?", SKU), n -> n == 1, SETTLE,
        "node A's catalogue to learn " + SKU);
  }

  @AfterAll
  static void stopTwoNodes() {
    try {
      for (PlatformNode node : new PlatformNode[] {nodeA, nodeB}) {
        if (node != null) {
          node.close();
        }
      }
    } finally {
      if (db != null) {
        db.close();
      }
    }
  }

  @Test
  @DisplayName("an order placed on one node and fulfilled on the other is one trace, its root on the node that took the request")
  void oneOrderIsOneTraceAcrossNodes() throws Exception {
    // The log alone would carry the trace between two lone nodes on one database: make sure they cluster.
    for (PlatformNode node : List.of(nodeA, nodeB)) {
      Awaiting.eventually(() -> node.ready().checks().get("cluster").getJsonObject("data").getInteger("members"),
          members -> members == 2, SETTLE, "each node to count two members in its cluster");
    }
    String trace = place();

    List<SpanData> onB = Awaiting.eventually(() -> inTrace(spansOnB, trace), found -> names(found).containsAll(CONSUMERS_ON_B),
        SETTLE, "the consumer spans " + CONSUMERS_ON_B + " of trace " + trace + " on node B");
    List<SpanData> onA = Awaiting.eventually(() -> inTrace(spansOnA, trace), found -> names(found).containsAll(CONSUMERS_ON_A),
        SETTLE, "the consumer spans " + CONSUMERS_ON_A + " of trace " + trace + " on node A");

    assertThat(names(onA)).as("node A hosts no other service's group").doesNotContainAnyElementsOf(CONSUMERS_ON_B);
    assertThat(names(onB)).as("node B hosts no order group").doesNotContainAnyElementsOf(CONSUMERS_ON_A);
    assertThat(onB).as("the payment's call to its provider, and the provider's side of it, on node B")
        .anySatisfy(s -> {
          assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
          assertThat(s.getAttributes().get(URL_FULL)).endsWith("/provider/charges");
        })
        .anySatisfy(s -> {
          assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
          assertThat(s.getAttributes().get(URL_PATH)).isEqualTo("/provider/charges");
        });
    assertThat(onB).as("node B only continues the trace: every span of it there has a parent")
        .allSatisfy(s -> assertThat(s.getParentSpanId()).as(s.getName()).isNotEqualTo(NO_PARENT));
    assertThat(onA).filteredOn(s -> s.getKind() == SpanKind.CONSUMER)
        .allSatisfy(s -> assertThat(s.getParentSpanId()).as(s.getName() + " has a parent").isNotEqualTo(NO_PARENT));
    assertThat(onA).filteredOn(s -> s.getParentSpanId().equals(NO_PARENT)).as("the trace's one root, on node A")
        .singleElement().satisfies(root -> {
          assertThat(root.getKind()).isEqualTo(SpanKind.SERVER);
          assertThat(root.getAttributes().get(URL_PATH)).isEqualTo("/orders");
        });

    String other = place();
    assertThat(other).as("another order, another trace").isNotEqualTo(trace);
    Awaiting.eventually(() -> inTrace(spansOnB, other), found -> names(found).contains("process payment"), SETTLE,
        "the second order's payment on node B in its own trace");
    assertThat(inTrace(spansOnB, trace)).filteredOn(s -> s.getName().equals("process payment"))
        .as("the first trace holds only the first order's payment").hasSize(1);
  }

  /**
   * Places an order on node A and waits until it is scheduled for delivery; its trace is that of
   * the root server span its {@code POST /orders} made on node A.
   */
  private static String place() throws Exception {
    int before = placements().size();
    HttpResponse<String> placed = nodeA.post("/orders", Bodies.order("c-1", SKU, 1));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String order = new JsonObject(placed.body()).getString("orderId");
    Awaiting.eventually(() -> new JsonObject(nodeA.get(nodeA.httpPort, "/orders/" + order).body()).getString("status"),
        "DELIVERY_SCHEDULED"::equals, SETTLE, "order " + order + " to be scheduled for delivery");
    List<SpanData> roots = Awaiting.eventually(ClusterTracesTest::placements, found -> found.size() > before, SETTLE,
        "the server span of POST /orders on node A");
    assertThat(roots).hasSize(before + 1);
    SpanData root = roots.get(before);
    assertThat(root.getParentSpanId()).isEqualTo(NO_PARENT);
    return root.getTraceId();
  }

  private static List<SpanData> placements() {
    return spansOnA.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.SERVER && "/orders".equals(s.getAttributes().get(URL_PATH)))
        .toList();
  }

  private static List<SpanData> inTrace(InMemorySpanExporter spans, String traceId) {
    return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
  }

  private static Set<String> names(List<SpanData> found) {
    return found.stream().map(SpanData::getName).collect(Collectors.toSet());
  }
}
