package org.orderplatform.messaging.log;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.StockLine;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.plumbing.db.Pools;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

@DisplayName("event-sourced streams in the log")
class EventStreamsTest {

  private static final UUID ORDER = UUID.randomUUID();

  private TestDatabase db;
  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
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
  @DisplayName("two writers that read version 1 both append version 2: the second waits for the first, then fails, and only the first's event is stored")
  void concurrentAppendsOneWins() {
    await(pool.withTransaction(tx -> EventStreams.append(tx, List.of(versioned(1, new OrderEvent.OrderReserved(ORDER))))));
    Promise<Void> commitFirst = Promise.promise();
    Promise<Void> firstAppended = Promise.promise();
    Future<Void> first = pool.withTransaction(tx -> EventStreams.append(tx,
            List.of(versioned(2, new OrderEvent.OrderConfirmed(ORDER))))
        .onSuccess(firstAppended::tryComplete)
        .compose(v -> commitFirst.future()));
    await(firstAppended.future());

    Future<Void> second = pool.withTransaction(tx -> EventStreams.append(tx,
        List.of(versioned(2, new OrderEvent.OrderCancelled(ORDER, "late")))));
    eventually(() -> blockedBackends(), n -> n == 1, "the second append waiting on the first's version");
    commitFirst.complete();
    await(first);
    Throwable failure = await(second.<Throwable>map(v -> null).otherwise(e -> e));

    assertThat(failure).isInstanceOf(EventStreams.ConcurrentAppend.class);
    var stream = await(EventStreams.load(pool, List.of(ORDER.toString()))).get(ORDER.toString());
    assertThat(stream).extracting(EventStreams.Versioned::version).containsExactly(1, 2);
    assertThat(stream.get(1).envelope().payload()).isEqualTo(new OrderEvent.OrderConfirmed(ORDER));
  }

  @Test
  @DisplayName("a stream reads back in version order before the sequencer numbered it; its history adds the other services' events")
  void loadAndHistory() {
    var reserved = new InventoryEvent.StockReserved(ORDER, List.of(new StockLine("TEA-1", 1)));
    await(pool.withTransaction(tx -> EventStreams.append(tx, List.of(versioned(1, new OrderEvent.OrderReserved(ORDER))))
        .compose(v -> EventLog.append(tx, Envelope.of(reserved, UUID.randomUUID(), Instant.now(), ORDER, null, null)))
        .compose(v -> EventStreams.append(tx, List.of(versioned(2, new OrderEvent.OrderConfirmed(ORDER)))))));

    var stream = await(EventStreams.load(pool, List.of(ORDER.toString(), "nobody")));
    assertThat(stream).containsOnlyKeys(ORDER.toString());
    assertThat(stream.get(ORDER.toString())).extracting(v -> (Object) v.envelope().payload())
        .containsExactly(new OrderEvent.OrderReserved(ORDER), new OrderEvent.OrderConfirmed(ORDER));
    assertThat(stream.get(ORDER.toString())).allMatch(v -> v.envelope().position() == null);
    assertThat(await(EventStreams.history(pool, ORDER.toString()))).extracting(v -> (Object) v.envelope().payload())
        .containsExactly(new OrderEvent.OrderReserved(ORDER), reserved, new OrderEvent.OrderConfirmed(ORDER));
  }

  @Test
  @DisplayName("the newest committed event of a type per aggregate is found, numbered or not")
  void latestOf() {
    var first = new InventoryEvent.ProductAdded("TEA-1", "Tea", new Money(400, "EUR"), 1);
    var second = new InventoryEvent.ProductAdded("TEA-1", "Tea", new Money(450, "EUR"), 1);
    await(EventLog.append(pool, List.of(envelope(first), envelope(second))));

    var latest = await(EventStreams.latestOf(pool, "inventory.product-added", List.of("TEA-1", "CUP-1")));

    assertThat(latest).extracting(e -> (Object) e.payload()).containsExactly(second);
  }

  private long blockedBackends() {
    return await(pool.query("select count(*) from pg_stat_activity where datname = current_database() "
        + "and wait_event_type = 'Lock'").execute()).iterator().next().getLong(0);
  }

  private static EventStreams.Versioned versioned(int version, OrderEvent event) {
    return new EventStreams.Versioned(version, envelope(event));
  }

  private static <E extends org.orderplatform.events.Message> Envelope<E> envelope(E event) {
    return Envelope.of(event, UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null);
  }
}
