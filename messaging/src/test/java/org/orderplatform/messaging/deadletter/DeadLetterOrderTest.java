package org.orderplatform.messaging.deadletter;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

/**
 * A dead letter holds its aggregate from its own position: what came before it flows, it waits for
 * an operator, what comes after is parked. That must stay true after a replay, a failover, with
 * several dead letters on one aggregate, and when the same event fails again.
 */
@DisplayName("dead letters keep their aggregate in order")
class DeadLetterOrderTest {

  private static final String GROUP = "ordered";
  private static final GroupSettings SETTINGS = GroupSettings.perEvent()
      .withRetry(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20)));

  private final Recorder recorder = new Recorder(GROUP);
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    node = MessagingNode.start(db, List.of(recorder.subscription(SETTINGS)));
  }

  @AfterEach
  void stop() {
    try {
      node.close();
    } finally {
      db.close();
    }
  }

  /** p0 applied, p1 dead-lettered, p2 parked: as the poison first left them. */
  private long poisonOne() {
    recorder.failWhen(call -> call.sku().equals("p") && call.quantity() == 1);
    node.append(List.of(restock("p", 0), restock("p", 1), restock("p", 2)));
    long id = eventually(() -> node.rows("select id from eventlog.dead_letters"), rows -> rows.size() == 1,
        "the dead letter").get(0).getLong("id");
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == 1, "p2 parked");
    assertThat(quantities()).containsExactly(0);
    return id;
  }

  private void replayFromStart() {
    assertThat(node.admin(HttpMethod.POST, "/subscriptions/" + GROUP + "/replay",
        new JsonObject().put("fromPosition", 0)).status()).isEqualTo(202);
    eventually(this::quantities, q -> q.size() == 2, "p0 applied again by the replay");
    eventually(() -> node.dispatcher(GROUP).stats().cursor(), cursor -> cursor == 3, "the replay past the head");
  }

  @Test
  @DisplayName("after a replay, retrying the dead letter applies it and then the parked event, once each and in order")
  void retryAfterReplay() {
    long id = poisonOne();
    replayFromStart();
    recorder.succeed();
    assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + id + "/retry", new JsonObject()).status()).isEqualTo(202);
    eventually(this::quantities, q -> q.size() == 4, "p1 and p2 applied");
    assertThat(quantities()).containsExactly(0, 0, 1, 2);
    assertThat(node.count("select count(*) from eventlog.parked")).isZero();
  }

  @Test
  @DisplayName("after a replay, discarding the dead letter never applies it and lets the parked event flow")
  void discardAfterReplay() {
    long id = poisonOne();
    replayFromStart();
    assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + id + "/discard",
        new JsonObject().put("reason", "bad data")).status()).isEqualTo(200);
    eventually(this::quantities, q -> q.size() == 3, "p2 applied");
    assertThat(quantities()).containsExactly(0, 0, 2);
    assertThat(recorder.callsFor("p")).extracting(Recorder.Call::quantity).containsExactly(0, 1, 1, 0, 2);
  }

  @Test
  @DisplayName("after a failover that re-reads the aggregate, the discarded event is never applied and the rest keeps its order")
  void discardAfterFailover() {
    long id = poisonOne();
    node.close();
    // The new leader starts below p0, as if the old one had not saved its cursor.
    db.sql("update eventlog.subscriptions set cursor = 0");
    node = MessagingNode.start(db, List.of(recorder.subscription(SETTINGS)));
    eventually(() -> node.dispatcher(GROUP).stats().cursor(), cursor -> cursor == 3, "the new leader past the head");
    assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + id + "/discard",
        new JsonObject().put("reason", "bad data")).status()).isEqualTo(200);
    eventually(this::quantities, q -> q.size() == 2, "p2 applied");
    assertThat(quantities()).containsExactly(0, 2);
  }

  @Test
  @DisplayName("an event with a live dead letter is not delivered again after a replay, and the group does not stall")
  void secondDeliveryDoesNotStall() {
    poisonOne();
    int poisonCalls = recorder.callsFor("p").size();
    replayFromStart();
    node.append(List.of(restock("q", 1), restock("q", 2)));
    eventually(() -> recorder.effectsFor(node.pool, "q").size(), n -> n == 2, "later events to flow");
    assertThat(node.count("select count(*) from eventlog.dead_letters")).isEqualTo(1);
    assertThat(recorder.callsFor("p")).as("calls for p after the replay: only p0 again")
        .hasSize(poisonCalls + 1);
  }

  @Test
  @DisplayName("a later dead letter of an aggregate waits for the earlier one, and unparking stops below the next")
  void twoDeadLettersOnOneAggregate() {
    recorder.failWhen(call -> call.sku().equals("p") && (call.quantity() == 1 || call.quantity() == 3));
    node.append(List.of(restock("p", 1), restock("p", 2), restock("p", 3), restock("p", 4)));
    long first = eventually(() -> node.rows("select id from eventlog.dead_letters"), rows -> rows.size() == 1,
        "p1 dead-lettered").get(0).getLong("id");
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == 3, "p2 to p4 parked");

    // Only p3's problem is fixed: retrying p1 fails again, p2 flows once p1 does, p3 dead-letters on unparking.
    recorder.failWhen(call -> call.sku().equals("p") && call.quantity() == 3);
    assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + first + "/retry", new JsonObject()).status()).isEqualTo(202);
    long second = eventually(() -> node.rows("select id from eventlog.dead_letters where status = 'open'"),
        rows -> rows.size() == 1, "p3 dead-lettered while unparking").get(0).getLong("id");
    eventually(this::quantities, q -> q.size() == 2, "p1 and p2 applied");
    assertThat(quantities()).containsExactly(1, 2);
    assertThat(node.count("select count(*) from eventlog.parked")).as("p4 stays parked behind p3").isEqualTo(1);

    recorder.succeed();
    assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + second + "/retry", new JsonObject()).status()).isEqualTo(202);
    eventually(this::quantities, q -> q.size() == 4, "p3 and p4 applied");
    assertThat(quantities()).containsExactly(1, 2, 3, 4);
  }

  @Test
  @DisplayName("retrying the later of two dead letters first does nothing until the earlier one is resolved")
  void laterDeadLetterWaits() {
    recorder.failWhen(call -> call.sku().equals("p") && call.quantity() == 1);
    node.append(List.of(restock("p", 1), restock("p", 2), restock("p", 3), restock("p", 4)));
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == 3, "p2 to p4 parked");
    // As a former leader could leave it: p3 has a dead letter of its own, and p3 is no longer parked.
    db.sql("insert into eventlog.dead_letters (group_name, event_id, position, type, version, aggregate_id, envelope,"
        + " error_class, error_message, fingerprint, attempts) select group_name, e.event_id, e.position, e.type, 1,"
        + " 'p', '{}', 'X', 'x', 'f', '[]' from eventlog.parked p join eventlog.events e using (position) where position = 3");
    db.sql("delete from eventlog.parked where position = 3");
    node.close();
    node = MessagingNode.start(db, List.of(recorder.subscription(SETTINGS)));
    recorder.succeed();
    long later = node.count("select id from eventlog.dead_letters where position = 3");
    long earlier = node.count("select id from eventlog.dead_letters where position = 1");

    assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + later + "/retry", new JsonObject()).status()).isEqualTo(202);
    eventually(() -> node.dispatcher(GROUP).leading(), leading -> leading, "a leader");
    node.append(List.of(restock("q", 1)));
    eventually(() -> recorder.effectsFor(node.pool, "q").size(), n -> n == 1, "a pass of the dispatcher");
    assertThat(quantities()).as("nothing of p while p1 is dead").isEmpty();

    assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + earlier + "/retry", new JsonObject()).status()).isEqualTo(202);
    eventually(this::quantities, q -> q.size() == 4, "p1 to p4 applied");
    assertThat(quantities()).containsExactly(1, 2, 3, 4);
  }

  @Test
  @DisplayName("one operator action that fails does not stop the others in the same pass")
  void failingActionDoesNotStopOthers() {
    recorder.failWhen(call -> call.sku().equals("b") && call.quantity() == 1);
    node.append(List.of(restock("b", 1), restock("b", 2)));
    long id = eventually(() -> node.rows("select id from eventlog.dead_letters"), rows -> rows.size() == 1,
        "b1 dead-lettered").get(0).getLong("id");
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == 1, "b2 parked");
    // A dead letter whose event is gone from the log: acting on it fails. It sorts first (position 0).
    db.sql("insert into eventlog.dead_letters (group_name, event_id, position, type, version, aggregate_id, envelope,"
        + " error_class, error_message, fingerprint, attempts, status) values ('" + GROUP + "', gen_random_uuid(), 0,"
        + " 'inventory.stock-restocked', 1, 'ghost', '{}', 'X', 'x', 'f', '[]', 'retry_requested')");

    assertThat(node.admin(HttpMethod.POST, "/dead-letters/" + id + "/discard",
        new JsonObject().put("reason", "bad data")).status()).isEqualTo(200);
    eventually(() -> recorder.effectsFor(node.pool, "b").size(), n -> n == 1, "b2 applied");
    assertThat(recorder.effectsFor(node.pool, "b")).extracting(Recorder.Effect::quantity).containsExactly(2);
  }

  @Test
  @DisplayName("a retry of more dead letters than fit in one page acts on every one of them")
  void moreThanOnePage() {
    int aggregates = 105; // the actions are paged by 100
    recorder.failWhen(call -> call.quantity() == 1);
    List<Envelope<?>> events = new ArrayList<>();
    for (int i = 0; i < aggregates; i++) {
      events.add(restock("m-" + i, 1));
      events.add(restock("m-" + i, 2));
    }
    node.append(events);
    eventually(() -> node.count("select count(*) from eventlog.parked"), n -> n == aggregates, "every second event parked");
    String fingerprint = node.rows("select fingerprint from eventlog.dead_letters limit 1").get(0).getString("fingerprint");

    recorder.succeed();
    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/dead-letters/retry", new JsonObject().put("fingerprint", fingerprint));
    assertThat(reply.body().getInteger("retryRequested")).isEqualTo(aggregates);
    eventually(() -> recorder.effects(node.pool).size(), n -> n == 2 * aggregates, "every event applied");
    // The dispatcher resolves a dead letter after its redelivery was acknowledged, so just after the effects.
    eventually(() -> node.count("select count(*) from eventlog.dead_letters where status = 'resolved' and released"),
        n -> n == aggregates, "every dead letter resolved and released");
  }

  private List<Integer> quantities() {
    return recorder.effectsFor(node.pool, "p").stream().map(Recorder.Effect::quantity).toList();
  }
}
