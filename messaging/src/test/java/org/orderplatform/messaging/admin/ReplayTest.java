package org.orderplatform.messaging.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.MessagingNode.restock;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

@DisplayName("replaying a group and rebuilding a projection")
class ReplayTest {

  private static final String GROUP = "stock-projection";

  private final Recorder recorder = new Recorder(GROUP);
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    node = MessagingNode.start(db, List.of(recorder.subscription(GroupSettings.perEvent())));
  }

  @AfterEach
  void stop() {
    try {
      node.close();
    } finally {
      db.close();
    }
  }

  /** What the read model holds, without the row ids that tell a rebuilt row from an old one. */
  private record Fact(String sku, int quantity, long position) {
  }

  private List<Fact> readModel() {
    return recorder.effects(node.pool).stream().map(e -> new Fact(e.sku(), e.quantity(), e.position())).toList();
  }

  /** Waits until the group's stored cursor is at {@code position} and no rebuild is pending. */
  private void storedCursorAt(long position) {
    eventually(() -> node.count("select count(*) from eventlog.subscriptions"
            + " where group_name = $1 and not reset_pending and cursor = $2", GROUP, position), n -> n == 1,
        "the stored cursor at " + position);
  }

  @Test
  @DisplayName("a rebuild wipes the read model and builds the same one again from position 0")
  void rebuildFromScratch() {
    node.append(List.of(restock("sku-1", 1), restock("sku-2", 2)));
    node.append(List.of(restock("sku-1", 3), restock("sku-2", 4)));
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 4, "four events applied");
    List<Fact> before = readModel();
    long lastId = recorder.effects(node.pool).get(3).id();

    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/projections/" + GROUP + "/rebuild", new JsonObject());
    assertThat(reply.status()).isEqualTo(202);

    eventually(() -> recorder.effects(node.pool),
        effects -> effects.size() == 4 && effects.stream().allMatch(e -> e.id() > lastId), "the read model rebuilt");
    assertThat(readModel()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(recorder.calls()).hasSize(8);
    eventually(() -> node.count("select count(*) from eventlog.subscriptions"
        + " where group_name = $1 and not reset_pending and cursor = 4", GROUP), n -> n == 1, "the rebuild finished");
  }

  @Test
  @DisplayName("a replay from a position re-delivers exactly the events from there on, in order")
  void replayFromPosition() {
    for (int quantity = 1; quantity <= 5; quantity++) {
      node.append(List.of(restock("sku-1", quantity)));
    }
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 5, "five events applied");
    // A replay never moves the cursor forward, so the group must have stored its progress first.
    storedCursorAt(5);

    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/subscriptions/" + GROUP + "/replay",
        new JsonObject().put("fromPosition", 3));
    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body().getLong("cursor")).isEqualTo(2);

    eventually(() -> recorder.calls(), calls -> calls.size() == 8, "three events re-delivered");
    assertThat(recorder.calls().subList(5, 8)).extracting(Recorder.Call::position).containsExactly(3L, 4L, 5L);
    // The replay forgot the inbox after the cursor, so the group really handled them again.
    assertThat(recorder.effects(node.pool)).extracting(Recorder.Effect::position)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 3L, 4L, 5L);
  }

  @Test
  @DisplayName("a replay from a time re-delivers the events recorded from that moment on")
  void replayFromTime() {
    for (int quantity = 1; quantity <= 4; quantity++) {
      node.append(List.of(restock("sku-1", quantity)));
    }
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 4, "four events applied");
    storedCursorAt(4);
    OffsetDateTime third = node.rows("select recorded_at from eventlog.events where position = 3").get(0)
        .getOffsetDateTime("recorded_at");

    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/subscriptions/" + GROUP + "/replay",
        new JsonObject().put("fromTime", third.toString()));
    assertThat(reply.status()).isEqualTo(202);

    eventually(() -> recorder.calls(), calls -> calls.size() == 6, "two events re-delivered");
    assertThat(recorder.calls().subList(4, 6)).extracting(Recorder.Call::position).containsExactly(3L, 4L);
  }

  @Test
  @DisplayName("a replay asked for before the dispatcher took up a rebuild leaves the rebuild in charge: every event once")
  void replayAfterPendingRebuild() {
    for (int quantity = 1; quantity <= 5; quantity++) {
      node.append(List.of(restock("sku-1", quantity)));
    }
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 5, "five events applied");
    storedCursorAt(5);
    // No dispatcher runs now, so the rebuild stays pending while the replay is asked for.
    node.stopMessaging();

    assertThat(node.admin(HttpMethod.POST, "/projections/" + GROUP + "/rebuild", new JsonObject()).status())
        .isEqualTo(202);
    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/subscriptions/" + GROUP + "/replay",
        new JsonObject().put("fromPosition", 3));
    assertThat(reply.status()).isEqualTo(202);

    try (MessagingNode next = MessagingNode.start(db, List.of(recorder.subscription(GroupSettings.perEvent())))) {
      eventually(() -> next.count("select count(*) from eventlog.subscriptions"
          + " where group_name = $1 and not reset_pending and cursor = 5", GROUP), n -> n == 1, "the rebuild finished");
      assertThat(recorder.effects(next.pool)).extracting(Recorder.Effect::position)
          .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    }
    assertThat(reply.body().getLong("cursor")).isEqualTo(0);
    assertThat(reply.body().getBoolean("rebuildPending")).isTrue();
  }

  @Test
  @DisplayName("a replay from a time re-delivers every event recorded from then on, though recorded_at is not in position order")
  void replayFromTimeOutOfOrder() {
    for (int quantity = 1; quantity <= 4; quantity++) {
      node.append(List.of(restock("sku-1", quantity)));
    }
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 4, "four events applied");
    storedCursorAt(4);
    // recorded_at is the appending transaction's start: position 3's began before position 2's
    // but committed after it.
    db.sql("""
        update eventlog.events set recorded_at = timestamptz '2030-01-01T00:00:00Z' + case position
          when 1 then interval '0 s' when 2 then interval '2 s' when 3 then interval '1 s' else interval '3 s' end
        """);

    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/subscriptions/" + GROUP + "/replay",
        new JsonObject().put("fromTime", "2030-01-01T00:00:02Z"));
    assertThat(reply.status()).isEqualTo(202);

    eventually(() -> recorder.calls(), calls -> calls.stream().skip(4).anyMatch(call -> call.position() == 4),
        "the last event re-delivered");
    assertThat(recorder.calls().subList(4, recorder.calls().size())).extracting(Recorder.Call::position)
        .containsExactly(2L, 3L, 4L);
    assertThat(reply.body().getLong("cursor")).isEqualTo(1);
  }

  @Test
  @DisplayName("a replay never moves a lagging group's cursor forward: the events it had not reached yet still arrive")
  void replayNeverSkipsAhead() {
    node.append(List.of(restock("sku-1", 1)));
    node.append(List.of(restock("sku-1", 2)));
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 2, "two events applied");
    storedCursorAt(2);
    // The group falls behind: three more events are sequenced while no dispatcher runs.
    node.stopMessaging();
    node.append(List.of(restock("sku-1", 3), restock("sku-1", 4), restock("sku-1", 5)));
    db.sql("""
        update eventlog.events e set position = n.position
          from (select id, (select max(position) from eventlog.events) + row_number() over (order by id) as position
                  from eventlog.events where position is null) n
         where e.id = n.id
        """);

    MessagingNode.Reply reply = node.admin(HttpMethod.POST, "/subscriptions/" + GROUP + "/replay",
        new JsonObject().put("fromPosition", 5));
    assertThat(reply.status()).isEqualTo(202);

    try (MessagingNode next = MessagingNode.start(db, List.of(recorder.subscription(GroupSettings.perEvent())))) {
      eventually(() -> next.count("select count(*) from eventlog.subscriptions where group_name = $1 and cursor = 5",
          GROUP), n -> n == 1, "the group caught up");
      assertThat(recorder.effects(next.pool)).extracting(Recorder.Effect::position)
          .containsExactly(1L, 2L, 3L, 4L, 5L);
    }
    assertThat(reply.body().getLong("cursor")).isEqualTo(2);
  }
}
