package org.orderplatform.messaging.inbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

/**
 * An operator replays or rebuilds while a delivery is half-way through its transaction: the inbox
 * row is claimed, the effect not yet committed. That effect must land before the replay or the
 * wipe, never on top of the rebuilt model, and the replay must then handle it again.
 */
@DisplayName("a delivery in flight when an operator replays or rebuilds")
class InFlightDuringReplayTest {

  private static final String GROUP = "model";

  private final Recorder recorder = new Recorder(GROUP);
  private final Promise<Void> gate = Promise.promise();
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    node = MessagingNode.start(db, List.of(recorder.subscription(GroupSettings.perEvent())));
    for (int quantity = 1; quantity <= 4; quantity++) {
      node.append(List.of(restock("sku", quantity)));
    }
    eventually(() -> recorder.effects(node.pool).size(), n -> n == 4, "four events applied");
    // Event 5's handler has claimed its inbox row and waits at the gate, its transaction open.
    recorder.before(call -> call.quantity() == 5 ? gate.future() : Future.succeededFuture());
    node.append(List.of(restock("sku", 5)));
    eventually(() -> recorder.callsFor("sku").size(), n -> n == 5, "event 5 in flight");
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
  @DisplayName("a rebuild waits for the effect in flight, then wipes it with the rest and builds 1 to 5 in order")
  void rebuild() {
    CompletableFuture<MessagingNode.Reply> rebuild = CompletableFuture.supplyAsync(
        () -> node.admin(HttpMethod.POST, "/projections/" + GROUP + "/rebuild", new JsonObject()));
    awaitOperatorBlocked();
    assertThat(rebuild).isNotDone();

    gate.complete();
    assertThat(rebuild.join().status()).isEqualTo(202);
    eventually(() -> node.count("select count(*) from eventlog.subscriptions where not reset_pending and cursor = 5"),
        n -> n == 1, "the rebuild finished");
    eventually(this::positions, p -> p.size() == 5, "the rebuilt model");
    assertThat(positions()).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  @DisplayName("a replay waits for the effect in flight, then forgets its inbox row too and handles it again")
  void replay() {
    CompletableFuture<MessagingNode.Reply> replay = CompletableFuture.supplyAsync(
        () -> node.admin(HttpMethod.POST, "/subscriptions/" + GROUP + "/replay", new JsonObject().put("fromPosition", 0)));
    awaitOperatorBlocked();
    assertThat(replay).isNotDone();

    gate.complete();
    assertThat(replay.join().status()).isEqualTo(202);
    eventually(this::positions, p -> p.size() == 10, "every event applied twice");
    assertThat(positions()).containsExactly(1L, 2L, 3L, 4L, 5L, 1L, 2L, 3L, 4L, 5L);
  }

  private void awaitOperatorBlocked() {
    eventually(() -> node.count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
        + " and query like '%eventlog.subscriptions%for update%'"), n -> n == 1, "the operator's statement to wait");
  }

  private List<Long> positions() {
    return recorder.effects(node.pool).stream().map(Recorder.Effect::position).toList();
  }
}
