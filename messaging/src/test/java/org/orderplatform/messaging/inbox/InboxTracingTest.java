package org.orderplatform.messaging.inbox;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EnvelopeBatch;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;

/** The inbox's consumer spans, with Vert.x tracing into memory as the runtime's {@code PlatformTracing} sets it up. */
@DisplayName("the inbox's consumer spans")
class InboxTracingTest {

  private static final String GROUP = "traced";
  private static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";
  private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final Recorder recorder = new Recorder(GROUP);
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    node = MessagingNode.start(Vertx.builder().with(new VertxOptions().setTracingOptions(new OpenTelemetryOptions()))
        .withTracer(new OpenTelemetryTracingFactory(openTelemetry)), db, List.of(recorder.subscription(GroupSettings.perEvent())));
  }

  @AfterEach
  void stop() {
    try {
      node.close();
    } finally {
      db.close();
    }
  }

  @Test
  @DisplayName("a batch of two orders' events gives each order's trace its own consumer span, under that trace's first event")
  void oneConsumerSpanPerTraceOfABatch() {
    Envelope<?> untraced = restock("sku-0", null, 1);
    Envelope<?> firstOfA = restock("sku-1", "00-" + TRACE_A + "-00f067aa0ba902b7-01", 2);
    Envelope<?> firstOfB = restock("sku-2", "00-" + TRACE_B + "-b7ad6b7169203331-01", 3);
    Envelope<?> laterOfA = restock("sku-3", "00-" + TRACE_A + "-53995c3f42cd8ad8-01", 4);

    await(node.vertx.eventBus().request(Addresses.group(GROUP),
        new EnvelopeBatch(List.of(untraced, firstOfA, firstOfB, laterOfA))));

    List<SpanData> consumers = consumerSpans();
    assertThat(consumers).as("one consumer span for each trace in the batch, none for the untraced event")
        .extracting(SpanData::getTraceId).containsExactlyInAnyOrder(TRACE_A, TRACE_B);
    assertThat(consumers).allSatisfy(span -> assertThat(span.getName()).isEqualTo("process " + GROUP));
    assertThat(consumers).filteredOn(s -> s.getTraceId().equals(TRACE_A)).singleElement().satisfies(span -> {
      assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
      assertThat(span.getAttributes().get(MESSAGE_ID)).isEqualTo(firstOfA.eventId().toString());
    });
    assertThat(consumers).filteredOn(s -> s.getTraceId().equals(TRACE_B)).singleElement().satisfies(span -> {
      assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
      assertThat(span.getAttributes().get(MESSAGE_ID)).isEqualTo(firstOfB.eventId().toString());
    });
    // The first trace's span stays current while the batch is handled: the transaction's SQL is its.
    assertThat(spans.getFinishedSpanItems()).filteredOn(s -> "postgresql".equals(s.getAttributes().get(DB_SYSTEM)))
        .isNotEmpty().allSatisfy(sql -> assertThat(sql.getTraceId()).isEqualTo(TRACE_A));
    assertThat(recorder.effects(node.pool)).extracting(Recorder.Effect::quantity).containsExactly(1, 2, 3, 4);
  }

  @Test
  @DisplayName("a failed batch fails every trace's consumer span")
  void failedBatchFailsEverySpan() {
    recorder.failWhen(call -> call.sku().equals("sku-2"));
    Envelope<?> ofA = restock("sku-1", "00-" + TRACE_A + "-00f067aa0ba902b7-01", 1);
    Envelope<?> ofB = restock("sku-2", "00-" + TRACE_B + "-b7ad6b7169203331-01", 2);

    boolean failed = await(node.vertx.eventBus().request(Addresses.group(GROUP), new EnvelopeBatch(List.of(ofA, ofB)))
        .transform(reply -> Future.succeededFuture(reply.failed())));
    assertThat(failed).as("the delivery failed").isTrue();

    List<SpanData> consumers = consumerSpans();
    assertThat(consumers).extracting(SpanData::getTraceId).containsExactlyInAnyOrder(TRACE_A, TRACE_B);
    assertThat(consumers).allSatisfy(span -> assertThat(span.getEvents())
        .anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception")));
    assertThat(recorder.effects(node.pool)).isEmpty();
  }

  // The inbox ends its spans before it replies, and the exporter takes each span as it ends.
  private List<SpanData> consumerSpans() {
    return spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CONSUMER).toList();
  }

  private static Envelope<?> restock(String sku, String traceparent, long position) {
    return Envelope.of(new InventoryEvent.StockRestocked(sku, (int) position), UUID.randomUUID(), Instant.now(),
        UUID.randomUUID(), null, traceparent).withPosition(position);
  }
}
