package org.orderplatform.messaging.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Money;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.messaging.deadletter.DeadLetterQueries;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.MessagingNode.restock;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

@DisplayName("per-group lag and dead-letter counts")
class GroupStatsTest {

  private final Recorder slow = new Recorder("slow");
  private final Recorder poisoned = new Recorder("poisoned");
  private final Promise<Void> gate = Promise.promise();
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    RetryPolicy quick = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20));
    // The slow group's third event waits on a gate, longer than any test, so it does not time out.
    GroupSettings patient = GroupSettings.perEvent().withRetry(quick).withSendTimeout(Duration.ofMinutes(1));
    node = MessagingNode.start(db, List.of(slow.subscription(patient),
        poisoned.subscription(GroupSettings.perEvent().withRetry(quick))));
    slow.before(call -> call.sku().equals("held") && call.quantity() == 3 ? gate.future() : Future.succeededFuture());
    poisoned.failWhen(call -> call.sku().equals("bad") && call.quantity() == 1);
  }

  @AfterEach
  void stop() {
    try {
      gate.tryComplete();
      node.close();
    } finally {
      db.close();
    }
  }

  @Test
  @DisplayName("the admin API reports head minus cursor as lag and counts open dead letters and parked events")
  void lagAndDeadLetters() {
    // Positions 1-5 for "held", 6-7 for "bad", all sequenced at once.
    node.append(List.of(restock("held", 1), restock("held", 2), restock("held", 3), restock("held", 4),
        restock("held", 5), restock("bad", 1), restock("bad", 2)));

    eventually(() -> group("poisoned"), g -> g != null && g.getLong("deadLetters") == 1 && g.getLong("parked") == 1
        && g.getLong("cursor") == 7, "the poisoned group settled");
    eventually(() -> slow.effects(node.pool), e -> e.size() == 4, "the slow group past everything but held 3");
    JsonObject held = eventually(() -> group("slow"), g -> g != null && g.getLong("cursor") == 2,
        "the slow cursor below held 3");

    assertThat(held.getLong("head")).isEqualTo(7);
    assertThat(held.getLong("lag")).isEqualTo(5);
    assertThat(held.getLong("deadLetters")).isZero();
    assertThat(held.getLong("parked")).isZero();
    JsonObject poisonedGroup = group("poisoned");
    assertThat(poisonedGroup.getLong("lag")).isZero();
    assertThat(poisonedGroup.getJsonArray("types").getList()).containsExactly("inventory.stock-restocked");
    Map<String, Long> open = await(new DeadLetterQueries(node.pool).openCounts());
    assertThat(open).containsExactly(Map.entry("poisoned", 1L));
    assertThat(node.dispatcher("slow").stats().cursor()).isEqualTo(2);
    assertThat(node.dispatcher("poisoned").stats().deadLettered()).isEqualTo(1);
    assertThat(node.dispatcher("poisoned").stats().parked()).isEqualTo(1);
    JsonObject outcomes = poisonedGroup.getJsonObject("leaderHere");
    assertThat(outcomes.getLong("delivered")).isEqualTo(5);
    assertThat(outcomes.getLong("failedAttempts")).isEqualTo(2);
    assertThat(outcomes.getLong("deadLettered")).isEqualTo(1);
    assertThat(outcomes.getLong("parked")).isEqualTo(1);
    // The same counts as meters: what came of the sends, and the gauges read with the admin API's queries.
    assertThat(attempts("poisoned", "delivered")).isEqualTo(5);
    assertThat(attempts("poisoned", "failed")).isEqualTo(2);
    assertThat(attempts("poisoned", "dead_lettered")).isEqualTo(1);
    assertThat(attempts("poisoned", "parked")).isEqualTo(1);
    SimpleMeterRegistry gauges = new SimpleMeterRegistry();
    await(node.vertx.deployVerticle(new GroupGauges(node.pool, gauges, Duration.ofMillis(50))));
    assertThat(gauge(gauges, "subscription.lag.events", "slow")).isEqualTo(5);
    assertThat(gauge(gauges, "subscription.lag.seconds", "slow")).isPositive();
    assertThat(gauge(gauges, "subscription.dead.letters.open", "slow")).isZero();
    assertThat(gauge(gauges, "subscription.lag.events", "poisoned")).isZero();
    assertThat(gauge(gauges, "subscription.lag.seconds", "poisoned")).isZero();
    assertThat(gauge(gauges, "subscription.dead.letters.open", "poisoned")).isEqualTo(1);
    assertThat(gauge(gauges, "subscription.parked.events", "poisoned")).isEqualTo(1);

    gate.complete();
    JsonObject caughtUp = eventually(() -> group("slow"), g -> g.getLong("cursor") == 7, "the slow group caught up");
    assertThat(caughtUp.getLong("lag")).isZero();
    eventually(() -> gauge(gauges, "subscription.lag.events", "slow"), lag -> lag == 0, "the gauge caught up too");
    assertThat(gauge(gauges, "subscription.lag.seconds", "slow")).isZero();
  }

  private double attempts(String group, String outcome) {
    return node.meters.get("dispatch.attempts").tag("group", group).tag("outcome", outcome).counter().count();
  }

  private static double gauge(MeterRegistry meters, String name, String group) {
    return meters.get(name).tag("group", group).gauge().value();
  }

  @Test
  @DisplayName("a group's cursor moves past events of types it does not take, so a caught-up group shows no lag")
  void cursorPassesOtherTypes() {
    node.append(List.of(restock("other", 1)));
    eventually(() -> group("slow"), g -> g != null && g.getLong("cursor") == 1, "the slow group took position 1");
    UUID id = UUID.randomUUID();
    node.append(List.of(Envelope.of(new InventoryEvent.ProductAdded("SKU-X", "Not ours", Money.zero("EUR"), 1),
        id, Instant.now(), id, null, null)));

    JsonObject slowGroup = eventually(() -> group("slow"), g -> g.getLong("head") == 2 && g.getLong("cursor") == 2,
        "the slow cursor past the product event");
    assertThat(slowGroup.getLong("lag")).isZero();
    assertThat(eventually(() -> group("poisoned"), g -> g.getLong("cursor") == 2, "the poisoned cursor too")
        .getLong("lag")).isZero();
    assertThat(slow.effects(node.pool)).hasSize(1);
  }

  private JsonObject group(String name) {
    MessagingNode.Reply reply = node.admin(HttpMethod.GET, "/subscriptions", null);
    assertThat(reply.status()).isEqualTo(200);
    // Null until the group's first dispatcher has registered it.
    return reply.body().getJsonArray("groups").stream().map(JsonObject.class::cast)
        .filter(g -> g.getString("group").equals(name)).findFirst().orElse(null);
  }
}
