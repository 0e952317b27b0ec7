package org.orderplatform.plumbing.logging;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the log context")
class LogContextTest {

  private static final UUID ORDER_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID ORDER_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
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
  @DisplayName("two requests whose tasks interleave on one event-loop thread each see only their own order and trace")
  void interleavedTasksDoNotLeak() throws Exception {
    ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
    Context requestA = loop.duplicate();
    Context requestB = loop.duplicate();
    List<String> seen = new CopyOnWriteArrayList<>();
    Promise<Void> done = Promise.promise();
    // A enters, B enters, then A's and B's later tasks run, all on the loop's one thread.
    requestA.runOnContext(v -> {
      LogContext.enter(ORDER_A, TRACE_A);
      requestB.runOnContext(w -> {
        LogContext.enter(ORDER_B, TRACE_B);
        requestA.runOnContext(x -> {
          seen.add("A " + LogContext.current());
          requestB.runOnContext(y -> {
            seen.add("B " + LogContext.current());
            loop.runOnContext(z -> {
              seen.add("loop " + LogContext.current());
              done.complete();
            });
          });
        });
      });
    });
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(seen).containsExactly(
        "A " + new LogContext.Fields(ORDER_A.toString(), "4bf92f3577b34da6a3ce929d0e0e4736"),
        "B " + new LogContext.Fields(ORDER_B.toString(), "0af7651916cd43dd8448eb211c80319c"),
        "loop " + LogContext.Fields.NONE);
  }

  @Test
  @DisplayName("work about one order of a batch names that order, then the batch's own fields come back")
  void duringRestores() throws Exception {
    Context message = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    List<LogContext.Fields> seen = new CopyOnWriteArrayList<>();
    Promise<Void> done = Promise.promise();
    message.runOnContext(v -> {
      LogContext.during(ORDER_A, TRACE_A, () -> seen.add(LogContext.current()));
      seen.add(LogContext.current());
      LogContext.enter(ORDER_B, null);
      LogContext.during(ORDER_A, null, () -> seen.add(LogContext.current()));
      seen.add(LogContext.current());
      done.complete();
    });
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(seen).containsExactly(
        new LogContext.Fields(ORDER_A.toString(), "4bf92f3577b34da6a3ce929d0e0e4736"),
        LogContext.Fields.NONE,
        new LogContext.Fields(ORDER_A.toString(), null),
        new LogContext.Fields(ORDER_B.toString(), null));
  }

  @Test
  @DisplayName("outside a request or message (a thread of its own, the shared event-loop context) nothing is kept")
  void nothingOutsideADuplicatedContext() throws Exception {
    LogContext.enter(ORDER_A, TRACE_A);
    assertThat(LogContext.current()).isEqualTo(LogContext.Fields.NONE);
    Promise<LogContext.Fields> onLoop = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      LogContext.enter(ORDER_A, TRACE_A);
      onLoop.complete(LogContext.current());
    });
    assertThat(onLoop.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isEqualTo(LogContext.Fields.NONE);
  }

  @Test
  @DisplayName("a trace id is read only from a well-formed traceparent")
  void traceIds() {
    assertThat(LogContext.traceId(TRACE_A)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(LogContext.traceId(null)).isNull();
    assertThat(LogContext.traceId("00-short-01")).isNull();
  }
}
