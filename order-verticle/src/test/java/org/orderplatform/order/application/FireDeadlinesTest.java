package org.orderplatform.order.application;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
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
import org.orderplatform.order.domain.Deadline;
import org.orderplatform.order.persistence.Deadlines;
import org.orderplatform.plumbing.db.Pools;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;

/**
 * The saga's stored deadlines, fired by {@link FireDeadlines} straight against PostgreSQL: rows,
 * not timers in memory, so whatever was due when a JVM died fires when a scanner next looks.
 */
@DisplayName("firing the saga's stored deadlines")
class FireDeadlinesTest {

  private static final Money TOTAL = new Money(900, "EUR");

  private TestDatabase db;
  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void start() {
    db = TestDatabase.create(OrderModule.SCHEMA);
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
  @DisplayName("a payment deadline stored before a crash fires when a scanner next looks: timeout, release and refund, once")
  void storedDeadlineFires() {
    UUID order = awaitingPayment();
    schedule(order, Deadline.Kind.PAYMENT, Instant.now().minusSeconds(5));

    int fired = await(scanner().fireDue(10));

    assertThat(fired).isEqualTo(1);
    assertThat(types(order)).containsExactly("order.placed", "order.reserved", "order.payment-requested",
        "order.step-timed-out", "order.stock-release-requested", "order.refund-requested");
    assertThat(count("select count(*) from orders.deadlines")).isZero();
    assertThat(await(scanner().fireDue(10))).as("nothing due any more").isZero();
  }

  @Test
  @DisplayName("a deadline not yet due stays, and one whose order moved on is dropped without a decision")
  void notDueOrMovedOn() {
    UUID waiting = awaitingPayment();
    schedule(waiting, Deadline.Kind.PAYMENT, Instant.now().plusSeconds(60));
    UUID confirmed = awaitingPayment();
    append(confirmed, 4, new OrderEvent.OrderConfirmed(confirmed));
    schedule(confirmed, Deadline.Kind.PAYMENT, Instant.now().minusSeconds(1));

    assertThat(await(scanner().fireDue(10))).isEqualTo(1);

    assertThat(types(confirmed)).endsWith("order.confirmed");
    assertThat(types(waiting)).endsWith("order.payment-requested");
    assertThat(count("select count(*) from orders.deadlines")).isEqualTo(1);
  }

  @Test
  @DisplayName("two scanners firing at once fire each deadline once: claimed rows are skipped, and the stream's version lets one decision land")
  void twoScannersAtOnce() {
    List<UUID> orders = IntStream.range(0, 40).mapToObj(i -> awaitingPayment()).toList();
    orders.forEach(order -> schedule(order, Deadline.Kind.PAYMENT, Instant.now().minusSeconds(1)));
    Pool other = Pools.pool(vertx, db.settings());
    FireDeadlines first = scanner();
    FireDeadlines second = new FireDeadlines(other, Clock.systemUTC(), UUID::randomUUID, new OrderMeters(new SimpleMeterRegistry()));

    List<Future<Integer>> scans = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      scans.add(first.fireDue(7).otherwise(0));
      scans.add(second.fireDue(7).otherwise(0));
    }
    await(Future.join(scans));
    int guard = 0;
    while (count("select count(*) from orders.deadlines") > 0 && guard++ < 20) {
      await(first.fireDue(40));
    }

    for (UUID order : orders) {
      assertThat(types(order)).as(order.toString()).filteredOn("order.step-timed-out"::equals).hasSize(1);
      assertThat(types(order)).filteredOn("order.refund-requested"::equals).hasSize(1);
    }
    assertThat(count("select count(*) from orders.deadlines")).isZero();
  }

  private FireDeadlines scanner() {
    return new FireDeadlines(pool, Clock.systemUTC(), UUID::randomUUID, new OrderMeters(new SimpleMeterRegistry()));
  }

  /** An order at version 3: placed, reserved, payment requested. */
  private UUID awaitingPayment() {
    UUID order = UUID.randomUUID();
    append(order, 1, new OrderEvent.OrderPlaced(order, "c-1", List.of(new OrderLine("TEA-1", 2, new Money(450, "EUR"))),
        TOTAL, new Address("1 Main St", null, "75001", "Paris", "FR"), "tok_visa"));
    append(order, 2, new OrderEvent.OrderReserved(order));
    append(order, 3, new OrderEvent.PaymentRequested(order, UUID.randomUUID(), TOTAL, "tok_visa"));
    return order;
  }

  private void append(UUID order, int version, OrderEvent event) {
    await(pool.withTransaction(tx -> EventStreams.append(tx, List.of(new EventStreams.Versioned(version,
        Envelope.of(event, UUID.randomUUID(), Instant.now(), order, null, null))))));
  }

  private void schedule(UUID order, Deadline.Kind kind, Instant due) {
    await(pool.withTransaction(tx -> Deadlines.schedule(tx, List.of(new Deadline(order, kind, due)))));
  }

  private List<String> types(UUID order) {
    return await(EventStreams.load(pool, List.of(order.toString()))).get(order.toString()).stream()
        .map(v -> v.envelope().type()).toList();
  }

  private long count(String sql) {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
