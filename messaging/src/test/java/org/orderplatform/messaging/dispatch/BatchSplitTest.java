package org.orderplatform.messaging.dispatch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EnvelopeBatch;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.MessagingNode.restock;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

@DisplayName("a batched group")
class BatchSplitTest {

  private static final String GROUP = "batched";

  private final Recorder recorder = new Recorder(GROUP);
  private final ConcurrentLinkedQueue<Object> sent = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<JsonObject> published = new ConcurrentLinkedQueue<>();
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    GroupSettings settings = GroupSettings.batched(10)
        .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)));
    node = MessagingNode.start(db, List.of(recorder.subscription(settings)));
    // What the dispatcher puts on the bus, to see the batch and its split.
    node.vertx.eventBus().addOutboundInterceptor(delivery -> {
      if (delivery.message().address().equals(Addresses.group(GROUP))) {
        sent.add(delivery.message().body());
      }
      delivery.next();
    });
    await(node.vertx.eventBus().<JsonObject>consumer(Addresses.deadLetters(GROUP), m -> published.add(m.body()))
        .completion());
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
  @DisplayName("a batch holding one poison event is split: its neighbours are applied once, the poison one dead-lettered")
  void poisonInABatch() {
    recorder.failWhen(call -> call.sku().equals("poison"));
    Envelope<?> poison = restock("poison", 1);
    node.append(List.of(restock("a", 1), restock("a", 2), restock("b", 1), poison, restock("c", 1)));

    eventually(() -> recorder.effects(node.pool), e -> e.size() == 4, "the neighbours applied");
    Row dead = eventually(() -> node.rows("select event_id, attempts::text as attempts from eventlog.dead_letters"),
        rows -> rows.size() == 1, "the poison event dead-lettered").get(0);

    Object first = sent.peek();
    assertThat(first).isInstanceOf(EnvelopeBatch.class);
    assertThat(((EnvelopeBatch) first).envelopes()).hasSize(5);
    assertThat(List.copyOf(sent).subList(1, sent.size())).allMatch(body -> body instanceof Envelope<?>);
    assertThat(recorder.effectsFor(node.pool, "a")).extracting(Recorder.Effect::quantity).containsExactly(1, 2);
    assertThat(recorder.effects(node.pool)).extracting(Recorder.Effect::sku)
        .containsExactlyInAnyOrder("a", "a", "b", "c");
    // "a" ran inside the failed batch and again alone, yet its effects are there once.
    assertThat(recorder.callsFor("a")).hasSizeGreaterThan(2);
    assertThat(dead.getUUID("event_id")).isEqualTo(poison.eventId());
    assertThat(new JsonArray(dead.getString("attempts"))).hasSize(2);
    assertThat(eventually(() -> List.copyOf(published), p -> p.size() == 1, "the dead letter published").get(0)
        .getString("eventId")).isEqualTo(poison.eventId().toString());
    eventually(() -> node.dispatcher(GROUP).stats().cursor(), c -> c == 5, "the cursor at the head");
  }

  @Test
  @DisplayName("healthy events of many aggregates travel in batches and are all applied once")
  void healthyBatches() {
    List<Envelope<?>> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(restock("sku-" + (i % 7), i));
    }
    node.append(events);

    eventually(() -> recorder.effects(node.pool), e -> e.size() == 40, "all applied");
    assertThat(sent).allMatch(body -> body instanceof EnvelopeBatch);
    assertThat(sent.stream().mapToInt(body -> ((EnvelopeBatch) body).envelopes().size()).sum()).isEqualTo(40);
    assertThat(recorder.effects(node.pool)).extracting(Recorder.Effect::eventId)
        .containsExactlyInAnyOrderElementsOf(events.stream().map(Envelope::eventId).toList());
    for (int sku = 0; sku < 7; sku++) {
      List<Integer> quantities = recorder.effectsFor(node.pool, "sku-" + sku).stream()
          .map(Recorder.Effect::quantity).toList();
      assertThat(quantities).as("sku-%d in order", sku).isSorted();
    }
  }
}
