package org.orderplatform.messaging.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.MessagingVerticle;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.plumbing.db.PgSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

@DisplayName("a transaction left open cannot hold the log back for long, and the admin API shows it")
class StuckTransactionTest {

  private static final String GROUP = "stock-projection";
  // Short, so the server ends an idle transaction within the test; the statement timeout stays
  // below the group's send timeout, as MessagingVerticle requires.
  private static final PgSettings.Timeouts SHORT = new PgSettings.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));

  private final Recorder recorder = new Recorder(GROUP);
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
  }

  @AfterEach
  void stop() {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      db.close();
    }
  }

  private MessagingNode startNode(PgSettings.Timeouts timeouts) {
    node = MessagingNode.start(db.settings().withTimeouts(timeouts),
        List.of(recorder.subscription(GroupSettings.perEvent())));
    return node;
  }

  /** Begins a transaction and takes an xid, so the sequencer's watermark cannot pass it. */
  private static void holdAnXid(SqlConnection connection) {
    await(connection.begin());
    await(connection.query("select pg_current_xact_id()").execute());
  }

  @Test
  @DisplayName("a pool connection left idle in a transaction is ended by the server, and the event held back behind it is delivered")
  void idleTransactionEnded() {
    startNode(SHORT);
    SqlConnection stuck = await(node.pool.getConnection());
    AtomicLong endedAt = new AtomicLong();
    stuck.closeHandler(v -> endedAt.set(System.nanoTime()));
    // The server ends the transaction no sooner than the idle timeout after its statement, which ran
    // after this instant. (When the client hears of the close races the delivery, so it is no bound.)
    long heldFrom = System.nanoTime();
    holdAnXid(stuck);

    node.append(List.of(restock("sku-1", 1)));

    eventually(() -> recorder.effects(node.pool), effects -> effects.size() == 1, "the event delivered");
    eventually(endedAt::get, at -> at != 0, "the stuck connection ended by the server");
    assertThat(recorder.calls().get(0).atNanos() - heldFrom).as("delivered only once the stuck transaction ended")
        .isGreaterThanOrEqualTo(SHORT.idleInTransaction().toNanos());
  }

  @Test
  @DisplayName("every pool connection and dedicated connection carries the configured timeouts")
  void timeoutsOnEveryConnection() {
    startNode(SHORT);
    PgConnection dedicated = node.connection();
    try {
      for (var client : List.of(node.pool, dedicated)) {
        var row = await(client.query("select current_setting('statement_timeout') as statement,"
            + " current_setting('idle_in_transaction_session_timeout') as idle").execute()).iterator().next();
        assertThat(row.getString("statement")).isEqualTo("2s");
        assertThat(row.getString("idle")).isEqualTo("1s");
      }
    } finally {
      await(dedicated.close());
    }
  }

  @Test
  @DisplayName("/admin/subscriptions shows the age of the oldest open transaction and of the oldest unsequenced event")
  void agesShown() {
    startNode(PgSettings.Timeouts.defaults());
    node.append(List.of(restock("sku-1", 1)));
    eventually(() -> recorder.effects(node.pool), effects -> effects.size() == 1, "the first event delivered");
    assertThat(subscriptions().getValue("oldestUnsequencedSeconds")).as("nothing waits to be sequenced").isNull();

    PgConnection open = node.connection();
    long openedAt = System.nanoTime();
    holdAnXid(open);
    node.append(List.of(restock("sku-1", 2)));

    JsonObject seen = eventually(this::subscriptions,
        body -> body.getDouble("oldestUnsequencedSeconds") != null && body.getDouble("oldestUnsequencedSeconds") >= 1.0,
        "an unsequenced event a second old");
    double openFor = (System.nanoTime() - openedAt) / 1e9;
    // Other databases on the server may hold older transactions: the oldest is at least ours.
    assertThat(seen.getDouble("oldestTransactionSeconds")).isGreaterThanOrEqualTo(1.0);
    assertThat(seen.getDouble("oldestUnsequencedSeconds")).isLessThanOrEqualTo(openFor);

    await(open.query("rollback").execute());
    eventually(this::subscriptions, body -> body.getValue("oldestUnsequencedSeconds") == null,
        "the held-back event sequenced once the transaction ended");
    eventually(() -> recorder.effects(node.pool), effects -> effects.size() == 2, "the second event delivered");
    await(open.close());
  }

  @Test
  @DisplayName("a group whose send timeout is not above the statement timeout is refused at start")
  void sendTimeoutAboveStatementTimeout() {
    startNode(SHORT);
    var tooShort = recorder.subscription(GroupSettings.perEvent().withSendTimeout(Duration.ofSeconds(2)));
    var refused = new MessagingVerticle(db.settings().withTimeouts(SHORT), node.pool, List.of(tooShort),
        Clock.systemUTC(), MessagingNode.FAST, new SimpleMeterRegistry());

    Throwable failure = await(node.vertx.deployVerticle(refused).transform(ar -> Future.succeededFuture(ar.cause())));

    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains(GROUP, "sendTimeout", "2000ms", "statement timeout");
  }

  private JsonObject subscriptions() {
    MessagingNode.Reply reply = node.admin(HttpMethod.GET, "/subscriptions", null);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }
}
