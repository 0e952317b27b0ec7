package org.orderplatform.messaging.dispatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.UUID;
import java.time.Instant;
import org.orderplatform.events.Money;
import org.orderplatform.events.InventoryEvent;
import io.vertx.core.Promise;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Codecs;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.plumbing.db.Pools;
import org.orderplatform.messaging.deadletter.DeadLetters;
import org.orderplatform.messaging.inbox.Inbox;
import org.orderplatform.messaging.leader.Lease;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.MessagingNode.restock;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

/**
 * A dispatcher that has just won its lock is woken at once (a wake-up arrives any time); it must not
 * read the log before it has loaded its cursor and the aggregates its dead letters block, must not
 * start at all if it lost the lock meanwhile, and must stop when a write finds its term over.
 */
@DisplayName("a dispatcher taking over a group")
class DispatcherStartTest {

  private static final String GROUP = "takeover";

  private final Recorder recorder = new Recorder(GROUP);
  private TestDatabase db;
  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    pool = Pools.pool(vertx, db.settings());
  }

  @AfterEach
  void stop() {
    try {
      await(vertx.close());
    } finally {
      db.close();
    }
  }

  @Test
  @DisplayName("woken before it has loaded its state, it reads from its cursor and parks a blocked aggregate's events")
  void wokenWhileStarting() {
    Subscription<?> subscription = recorder.subscription(GroupSettings.perEvent());
    await(new Inbox(pool, subscription).listen(vertx).completion());
    // As a former leader left it: "bad" 1 dead-lettered, the cursor past it, "bad" 2 and "ok" 1 still to go.
    Envelope<?> dead = restock("bad", 1);
    await(pool.withTransaction(tx -> EventLog.append(tx, List.of(dead, restock("bad", 2), restock("ok", 1)))));
    db.sql("update eventlog.events set position = id");
    db.sql("insert into eventlog.subscriptions (group_name, types, cursor) values ('" + GROUP
        + "', array['inventory.stock-restocked'], 1)");
    db.sql("insert into eventlog.dead_letters (group_name, event_id, position, type, version, aggregate_id, envelope,"
        + " error_class, error_message, fingerprint, attempts) values ('" + GROUP + "', '" + dead.eventId()
        + "', 1, 'inventory.stock-restocked', 1, 'bad', '{}', 'X', 'x', 'f', '[]')");
    Dispatcher dispatcher = new Dispatcher(vertx, pool, new EventLog(pool), new DeadLetters(pool), subscription,
        Clock.systemUTC(), new SplittableRandom(), new SimpleMeterRegistry());
    PgConnection lock = await(Pools.dedicated(vertx, db.settings()));
    db.sql("insert into eventlog.leases (name, term) values ('test-lease', 1)");
    Lease lease = new Lease("test-lease", 1, lock);

    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      dispatcher.lead(lease);
      dispatcher.wake();
    });

    eventually(() -> recorder.effects(pool), e -> e.stream().anyMatch(ok -> ok.sku().equals("ok")), "ok 1 applied");
    eventually(() -> parked().size(), n -> n > 0, "bad 2 parked");
    eventually(() -> await(pool.query("select cursor from eventlog.subscriptions").execute()).iterator().next()
        .getLong("cursor"), cursor -> cursor == 3, "the cursor at the head");

    assertThat(parked()).containsExactly(2L);
    assertThat(recorder.effects(pool)).extracting(Recorder.Effect::sku).containsExactly("ok");
    assertThat(recorder.calls()).extracting(Recorder.Call::sku).containsExactly("ok");
  }

  @Test
  @DisplayName("demoted while it loads its state, it never starts leading")
  void demotedWhileLoading() {
    Subscription<?> subscription = recorder.subscription(GroupSettings.perEvent());
    Dispatcher dispatcher = new Dispatcher(vertx, pool, new EventLog(pool), new DeadLetters(pool), subscription,
        Clock.systemUTC(), new SplittableRandom(), new SimpleMeterRegistry());
    PgConnection lock = await(Pools.dedicated(vertx, db.settings()));
    db.sql("insert into eventlog.leases (name, term) values ('test-lease', 1)");
    Promise<Void> led = Promise.promise();

    vertx.getOrCreateContext().runOnContext(v -> {
      dispatcher.lead(new Lease("test-lease", 1, lock)).onComplete(led);
      dispatcher.demoted();
    });
    await(led.future().otherwiseEmpty());

    assertThat(dispatcher.leading()).isFalse();
  }

  @Test
  @DisplayName("a cursor save that finds its term over gives up the lock")
  void fencedCursorSaveResigns() {
    Subscription<?> subscription = recorder.subscription(GroupSettings.perEvent());
    Dispatcher dispatcher = new Dispatcher(vertx, pool, new EventLog(pool), new DeadLetters(pool), subscription,
        Clock.systemUTC(), new SplittableRandom(), new SimpleMeterRegistry());
    PgConnection lock = await(Pools.dedicated(vertx, db.settings()));
    db.sql("insert into eventlog.leases (name, term) values ('test-lease', 1)");
    vertx.getOrCreateContext().runOnContext(v -> dispatcher.lead(new Lease("test-lease", 1, lock)));
    eventually(dispatcher::leading, leading -> leading, "the dispatcher to lead");

    // Another node's election; then an event this group does not take, so only the cursor moves.
    db.sql("update eventlog.leases set term = 2 where name = 'test-lease'");
    await(pool.withTransaction(tx -> EventLog.append(tx, List.of(Envelope.of(
        new InventoryEvent.ProductAdded("x", "x", new Money(1, "EUR"), 1), UUID.randomUUID(), Instant.now(),
        UUID.randomUUID(), null, null)))));
    db.sql("update eventlog.events set position = id");
    vertx.getOrCreateContext().runOnContext(v -> dispatcher.wake());

    eventually(dispatcher::leading, leading -> !leading, "the dispatcher to give up");
    assertThat(await(pool.query("select cursor_term from eventlog.subscriptions").execute()).iterator().next()
        .getLong("cursor_term")).as("no cursor saved under the old term").isZero();
  }

  private List<Long> parked() {
    List<Long> positions = new ArrayList<>();
    await(pool.query("select position from eventlog.parked order by position").execute())
        .forEach(row -> positions.add(row.getLong("position")));
    return positions;
  }
}
