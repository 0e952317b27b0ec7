package org.orderplatform.messaging.log;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.Addresses;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

@DisplayName("the signal that appends committed")
class AppendSignalTest {

  private Vertx vertx;
  private final AtomicInteger signals = new AtomicInteger();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(Addresses.APPENDED, message -> signals.incrementAndGet());
    await(consumer.completion());
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  @DisplayName("a burst of commits in one event-loop turn sends one signal, and a later commit another")
  void burstCoalesced() {
    Context context = vertx.getOrCreateContext();
    AppendSignal signal = AppendSignal.of(vertx);

    Promise<Void> burst = Promise.promise();
    context.runOnContext(v -> {
      for (int i = 0; i < 1_000; i++) {
        signal.committed();
      }
      burst.complete();
    });
    await(burst.future());
    eventually(signals::get, count -> count >= 1, "the burst's signal");
    assertThat(signals.get()).as("signals for 1,000 commits in one turn").isEqualTo(1);

    context.runOnContext(v -> signal.committed());
    eventually(signals::get, count -> count >= 2, "the later commit's signal");
    assertThat(signals.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("every appender of one Vertx shares one signal")
  void onePerVertx() {
    assertThat(AppendSignal.of(vertx)).isSameAs(AppendSignal.of(vertx));
  }
}
