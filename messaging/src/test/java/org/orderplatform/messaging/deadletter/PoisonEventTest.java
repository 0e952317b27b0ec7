package org.orderplatform.messaging.deadletter;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.MessagingNode.restock;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

@DisplayName("poison events and the dead-letter store")
class PoisonEventTest {

  private static final String GROUP = "stock";
  private static final int MAX_ATTEMPTS = 3;
  private static final String TYPE = "inventory.stock-restocked";

  private final Recorder recorder = new Recorder(GROUP);
  private final ConcurrentLinkedQueue<JsonObject> published = new ConcurrentLinkedQueue<>();
  private final GroupSettings settings = GroupSettings.perEvent()
      .withRetry(new RetryPolicy(MAX_ATTEMPTS, Duration.ofMillis(10), Duration.ofMillis(40)));
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    node = MessagingNode.start(db, List.of(recorder.subscription(settings)));
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
  @DisplayName("a poison event is dead-lettered with its history, parks its aggregate only, and a retry after the fix delivers it and the parked ones in order")
  void poisonThenRetry() {
    recorder.failWhen(call -> call.sku().equals("poison"));
    Envelope<?> poison1 = restock("poison", 1);
    // One commit: poison 2 is already queued behind poison 1 when that one is dead-lettered.
    node.append(List.of(poison1, restock("healthy", 1), restock("poison", 2), restock("healthy", 2)));
    Row dead = eventually(this::deadLetters, rows -> rows.size() == 1, "the dead letter").get(0);
    // Poison 3 arrives after the dead letter: it is parked as it is read.
    node.append(List.of(restock("poison", 3), restock("healthy", 3)));
    eventually(() -> recorder.effectsFor(node.pool, "healthy"), e -> e.size() == 3,
        "the healthy aggregate to keep flowing");
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == 2, "poison 2 and 3 parked");

    String errorClass = IllegalStateException.class.getName();
    String message = "cannot restock 'poison'";
    assertThat(dead.getUUID("event_id")).isEqualTo(poison1.eventId());
    assertThat(dead.getString("status")).isEqualTo("open");
    assertThat(dead.getString("error_class")).isEqualTo(errorClass);
    assertThat(dead.getString("error_message")).isEqualTo(message);
    assertThat(dead.getString("fingerprint")).isEqualTo(Fingerprint.of(TYPE, errorClass, message));
    JsonArray attempts = new JsonArray(dead.getString("attempts"));
    assertThat(attempts).hasSize(MAX_ATTEMPTS);
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      assertThat(attempts.getJsonObject(i).getInteger("attempt")).isEqualTo(i + 1);
      assertThat(attempts.getJsonObject(i).getString("errorClass")).isEqualTo(errorClass);
    }
    assertThat(recorder.callsFor("poison")).extracting(Recorder.Call::quantity).containsOnly(1).hasSize(MAX_ATTEMPTS);
    assertThat(recorder.effectsFor(node.pool, "healthy")).extracting(Recorder.Effect::quantity)
        .containsExactly(1, 2, 3);

    JsonObject notice = eventually(() -> List.copyOf(published), p -> p.size() == 1, "the dead letter published")
        .get(0);
    assertThat(notice.getLong("id")).isEqualTo(dead.getLong("id"));
    assertThat(notice.getString("eventId")).isEqualTo(poison1.eventId().toString());
    assertThat(notice.getString("errorClass")).isEqualTo(errorClass);

    recorder.succeed();
    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/dead-letters/" + dead.getLong("id") + "/retry",
        new JsonObject());
    assertThat(reply.status()).isEqualTo(202);

    eventually(() -> recorder.effectsFor(node.pool, "poison"), e -> e.size() == 3, "poison 1 to 3 applied");
    assertThat(recorder.effectsFor(node.pool, "poison")).extracting(Recorder.Effect::quantity).containsExactly(1, 2, 3);
    eventually(() -> deadLetters().get(0).getString("status"), "resolved"::equals, "the dead letter resolved");
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == 0, "nothing parked");

    // The aggregate is free again: a new event flows without parking.
    node.append(List.of(restock("poison", 4)));
    eventually(() -> recorder.effectsFor(node.pool, "poison"), e -> e.size() == 4, "poison 4 applied");
    assertThat(node.count("select count(*) from eventlog.parked")).isZero();
  }

  @Test
  @DisplayName("discarding a dead letter with a reason keeps it for audit and releases its aggregate's parked events")
  void discardReleasesParked() {
    recorder.failWhen(call -> call.sku().equals("poison") && call.quantity() == 1);
    node.append(List.of(restock("poison", 1), restock("poison", 2)));
    long id = eventually(this::deadLetters, rows -> rows.size() == 1, "the dead letter").get(0).getLong("id");
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == 1, "poison 2 parked");
    assertThat(recorder.effectsFor(node.pool, "poison")).isEmpty();

    assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + id + "/discard", new JsonObject()).status())
        .as("a discard without a reason").isEqualTo(422);
    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/dead-letters/" + id + "/discard",
        new JsonObject().put("reason", "restock entered twice by hand"));
    assertThat(reply.status()).isEqualTo(200);

    eventually(() -> recorder.effectsFor(node.pool, "poison"), e -> e.size() == 1, "poison 2 applied");
    assertThat(recorder.effectsFor(node.pool, "poison")).extracting(Recorder.Effect::quantity).containsExactly(2);
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == 0, "nothing parked");
    JsonObject shown = node.admin(HttpMethod.GET, "/dead-letters/" + id, null).body();
    assertThat(shown.getString("status")).isEqualTo("discarded");
    assertThat(shown.getString("discardReason")).isEqualTo("restock entered twice by hand");
    assertThat(shown.getString("discardedAt")).isNotNull();
    assertThat(deadLetters()).hasSize(1);
  }

  @Test
  @DisplayName("a stored event that cannot be decoded is dead-lettered at once, without retries")
  void undecodableAtOnce() {
    UUID unknownVersion = UUID.randomUUID();
    UUID notAnObject = UUID.randomUUID();
    String headers = "{\"occurredAt\":\"2026-01-01T00:00:00Z\",\"correlationId\":\"" + UUID.randomUUID() + "\"}";
    db.sql("insert into eventlog.events (event_id, type, version, aggregate_id, payload, headers) values "
        + "('" + unknownVersion + "', '" + TYPE + "', 99, 'future', '{\"sku\":\"future\",\"quantity\":1}', '"
        + headers + "'), "
        + "('" + notAnObject + "', '" + TYPE + "', 1, 'broken', '[1, 2]', '" + headers + "')");
    node.append(List.of(restock("healthy", 1)));

    List<Row> dead = eventually(this::deadLetters, rows -> rows.size() == 2, "both dead-lettered");
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 1, "the healthy event applied");

    // Two aggregates, dead-lettered in parallel: in either order.
    Map<UUID, Row> byEvent = dead.stream().collect(Collectors.toMap(row -> row.getUUID("event_id"), row -> row));
    assertThat(byEvent).containsOnlyKeys(unknownVersion, notAnObject);
    assertThat(byEvent.get(unknownVersion).getString("error_class")).isEqualTo("UnknownType");
    assertThat(byEvent.get(unknownVersion).getString("error_message")).contains("v99");
    assertThat(byEvent.get(notAnObject).getString("error_class")).isEqualTo("Malformed");
    assertThat(dead).allSatisfy(row -> assertThat(new JsonArray(row.getString("attempts"))).hasSize(1));
    assertThat(recorder.calls()).extracting(Recorder.Call::sku).containsExactly("healthy");
    assertThat(node.dispatcher(GROUP).stats().failedAttempts()).isZero();
    assertThat(eventually(() -> List.copyOf(published), p -> p.size() == 2, "both published"))
        .extracting(json -> json.getString("errorClass")).containsExactlyInAnyOrder("UnknownType", "Malformed");
  }

  @Test
  @DisplayName("when the leader dies while a retried dead letter's parked events flow again, the next leader delivers the rest")
  void leaderDiesWhileUnparking() {
    recorder.failWhen(call -> call.sku().equals("poison") && call.quantity() == 1);
    node.append(List.of(restock("poison", 1), restock("poison", 2), restock("poison", 3)));
    long id = eventually(this::deadLetters, rows -> rows.size() == 1, "the dead letter").get(0).getLong("id");
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == 2, "poison 2 and 3 parked");
    // The cursor is past them: only the parking lot still knows about poison 2 and 3.
    eventually(() -> node.dispatcher(GROUP).stats().cursor(), cursor -> cursor == 3,
        "the cursor past the parked events");
    Recorder standby = new Recorder(GROUP);
    MessagingNode second = MessagingNode.start(db, List.of(standby.subscription(settings)));
    try {
      assertThat(node.dispatcher(GROUP).leading()).isTrue();
      // Poison 1 now succeeds; poison 2 hangs, so the leader is caught half-way through the parked events.
      Promise<Void> never = Promise.promise();
      recorder.before(call -> call.quantity() == 2 ? never.future() : Future.succeededFuture());
      assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + id + "/retry", new JsonObject()).status())
          .isEqualTo(202);
      eventually(() -> recorder.callsFor("poison"), calls -> calls.stream().anyMatch(call -> call.quantity() == 2),
          "the leader delivering parked poison 2");

      node.close();

      eventually(() -> recorder.effectsFor(second.pool, "poison"), e -> e.size() == 3,
          "poison 2 and 3 delivered by the next leader");
      assertThat(recorder.effectsFor(second.pool, "poison")).extracting(Recorder.Effect::quantity)
          .containsExactly(1, 2, 3);
      eventually(() -> second.count("select count(*) from eventlog.parked"), n -> n == 0, "nothing parked");
      eventually(() -> second.count("select count(*) from eventlog.dead_letters where released"), n -> n == 1,
          "the dead letter released");
    } finally {
      second.close();
    }
  }

  private List<Row> deadLetters() {
    return node.rows("select id, event_id, status, error_class, error_message, fingerprint, attempts::text as attempts"
        + " from eventlog.dead_letters order by id");
  }
}
