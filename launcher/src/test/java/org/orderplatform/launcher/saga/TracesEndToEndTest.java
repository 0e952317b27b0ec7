package org.orderplatform.launcher.saga;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.runtime.PlatformTracing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service in one JVM with Vert.x tracing into memory: a placed order's whole saga, each step
 * handed on through the event log, is one trace.
 */
@DisplayName("traces")
class TracesEndToEndTest {

  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
  /** The groups whose handling of one order must show in its trace, each as the inbox's consumer span. */
  private static final Set<String> CONSUMERS = Set.of("process inventory", "process order-saga", "process payment",
      "process delivery", "process order-view", "process notification-log");

  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private static SagaHarness platform;

  @BeforeAll
  static void start() {
    platform = SagaHarness.start(Map.of(), PlatformTracing.exportingTo(spans));
    platform.product("TRACE-1", 10);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @DisplayName("one POST /orders is one trace: the request, every service's handling, its SQL and the provider call")
  void onePlacementIsOneTrace() {
    Placed first = place();
    String trace = first.trace();
    platform.awaitStatus(first.order(), "DELIVERY_SCHEDULED");

    List<SpanData> traced = Awaiting.eventually(() -> inTrace(trace),
        found -> names(found).containsAll(CONSUMERS), Duration.ofSeconds(20),
        "the consumer spans " + CONSUMERS + " in trace " + trace);
    assertThat(traced).filteredOn(s -> s.getKind() == SpanKind.CONSUMER)
        .allSatisfy(s -> assertThat(s.getParentSpanId()).as(s.getName() + " has a parent").isNotEqualTo("0000000000000000"));
    assertThat(traced).as("the payment's call to its provider, and the provider's side of it")
        .anySatisfy(s -> {
          assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
          assertThat(s.getAttributes().get(URL_FULL)).endsWith("/provider/charges");
        })
        .anySatisfy(s -> {
          assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
          assertThat(s.getAttributes().get(URL_PATH)).isEqualTo("/provider/charges");
        });
    assertThat(traced).as("SQL").anySatisfy(s -> assertThat(s.getAttributes().get(DB_SYSTEM)).isEqualTo("postgresql"));
    assertThat(traced).as("the payment's handling runs after the saga asked for it, so under the saga's span")
        .anySatisfy(payment -> {
          assertThat(payment.getName()).isEqualTo("process payment");
          assertThat(traced).anySatisfy(saga -> {
            assertThat(saga.getName()).isEqualTo("process order-saga");
            assertThat(saga.getSpanId()).isEqualTo(payment.getParentSpanId());
          });
        });

    String other = place().trace();
    assertThat(other).as("another order, another trace").isNotEqualTo(trace);
    Awaiting.eventually(() -> inTrace(other), found -> names(found).contains("process payment"),
        Duration.ofSeconds(20), "the second order's payment in its own trace");
    assertThat(inTrace(trace).stream().filter(s -> s.getName().equals("process payment")))
        .as("the first trace holds only the first order's payment").hasSize(1);
  }

  private record Placed(UUID order, String trace) {
  }

  /** Places an order; its trace is that of the root server span its {@code POST /orders} made. */
  private static Placed place() {
    int before = placements().size();
    UUID order = platform.place("TRACE-1", 1, null);
    List<SpanData> roots = Awaiting.eventually(TracesEndToEndTest::placements, found -> found.size() > before,
        "the server span of POST /orders");
    SpanData root = roots.get(before);
    assertThat(root.getParentSpanId()).isEqualTo("0000000000000000");
    return new Placed(order, root.getTraceId());
  }

  private static List<SpanData> placements() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.SERVER && "/orders".equals(s.getAttributes().get(URL_PATH)))
        .toList();
  }

  private static List<SpanData> inTrace(String traceId) {
    return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
  }

  private static Set<String> names(List<SpanData> found) {
    return found.stream().map(SpanData::getName).collect(Collectors.toSet());
  }
}
