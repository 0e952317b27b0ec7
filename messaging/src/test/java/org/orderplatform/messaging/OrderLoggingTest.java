package org.orderplatform.messaging;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.plumbing.logging.LogContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the log fields of a delivered message")
class OrderLoggingTest {

  private static final String TRACE_A = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final String TRACE_B = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a delivery about one order names that order and the trace its events carry")
  void oneOrder() throws Exception {
    UUID order = UUID.randomUUID();
    LogContext.Fields fields = enteredFor(List.of(reserved(order, null), reserved(order, TRACE_A)));
    assertThat(fields).isEqualTo(new LogContext.Fields(order.toString(), "4bf92f3577b34da6a3ce929d0e0e4736"));
  }

  @Test
  @DisplayName("a batch of several orders names none of them: each would get another's trace")
  void severalOrders() throws Exception {
    assertThat(enteredFor(List.of(reserved(UUID.randomUUID(), TRACE_A), reserved(UUID.randomUUID(), TRACE_B))))
        .isEqualTo(LogContext.Fields.NONE);
  }

  @Test
  @DisplayName("a catalogue event is about no order, and an empty batch about nothing")
  void noOrder() throws Exception {
    Envelope<?> restocked = Envelope.of(new InventoryEvent.StockRestocked("SKU-1", 1), UUID.randomUUID(), Instant.EPOCH,
        UUID.randomUUID(), null, TRACE_B);
    assertThat(enteredFor(List.of(restocked))).isEqualTo(new LogContext.Fields(null, "0af7651916cd43dd8448eb211c80319c"));
    assertThat(enteredFor(List.of())).isEqualTo(LogContext.Fields.NONE);
  }

  private static Envelope<?> reserved(UUID order, String traceparent) {
    return Envelope.of(new OrderEvent.OrderReserved(order), UUID.randomUUID(), Instant.EPOCH, order, null, traceparent);
  }

  /** The fields after entering {@code delivery} on a message's own (duplicated) context. */
  private static LogContext.Fields enteredFor(List<Envelope<?>> delivery) throws Exception {
    Context message = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    Promise<LogContext.Fields> seen = Promise.promise();
    message.runOnContext(v -> {
      OrderLogging.enter(delivery);
      seen.complete(LogContext.current());
    });
    return seen.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
