package org.orderplatform.order.persistence;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Address;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;
import org.orderplatform.messaging.log.EventStreams;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.order.OrderModule;
import org.orderplatform.plumbing.db.Pools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;

@DisplayName("placements committed together")
class PlacementWriterTest {

  private static final Address ADDRESS = new Address("1 Main St", null, "75001", "Paris", "FR");

  private TestDatabase db;
  private Vertx vertx;
  private Pool pool;
  private PlacementWriter writer;

  @BeforeEach
  void start() {
    db = TestDatabase.create(OrderModule.SCHEMA);
    vertx = Vertx.vertx();
    pool = Pools.pool(vertx, db.settings());
    writer = new PlacementWriter(pool);
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
  @DisplayName("placements arriving together share commits, and one bad placement among them fails alone")
  void groupCommit() {
    UUID taken = UUID.randomUUID();
    await(writer.store(event(taken), new PlacementWriter.IdempotencyKey("key-taken", "h")));

    List<UUID> orders = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      orders.add(i == 20 ? taken : UUID.randomUUID());
    }
    Promise<List<Future<Void>>> submitted = Promise.promise();
    // One event-loop turn: all forty arrive while the first commits are under way.
    vertx.runOnContext(v -> submitted.complete(orders.stream().map(o -> writer.store(event(o),
        o.equals(orders.get(30)) ? new PlacementWriter.IdempotencyKey("key-taken", "h") : null)).toList()));
    List<Future<Void>> results = await(submitted.future());
    await(Future.join(results).otherwiseEmpty());

    assertThat(results).filteredOn(Future::failed).hasSize(2);
    assertThat(results.get(20).cause()).as("the duplicate order id").isInstanceOf(EventStreams.ConcurrentAppend.class);
    assertThat(PlacementWriter.keyTaken(results.get(30).cause())).as("the reused key").isTrue();
    assertThat(count("select count(*) from eventlog.events")).as("an event for every stored order").isEqualTo(39);
    assertThat(count("select count(distinct tx) from eventlog.events")).as("transactions for 40 orders").isLessThan(20);
  }

  private long count(String sql) {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  private static Envelope<OrderEvent.OrderPlaced> event(UUID orderId) {
    var placed = new OrderEvent.OrderPlaced(orderId, "c-1", List.of(new OrderLine("TEA-1", 1, new Money(450, "EUR"))),
        new Money(450, "EUR"), ADDRESS, "tok_visa");
    return Envelope.of(placed, UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null);
  }
}
