package org.orderplatform.messaging.leader;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.deadletter.Attempt;
import org.orderplatform.messaging.deadletter.DeadLetters;
import org.orderplatform.messaging.log.StoredEvent;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.plumbing.db.Pools;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

@DisplayName("writes fenced by the leader's term")
class LeaseFencingTest {

  private static final String LEASE = "test:fenced";
  private static final String GROUP = "fenced";

  private TestDatabase db;
  private Vertx vertx;
  private Pool pool;
  private DeadLetters deadLetters;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    vertx = Vertx.vertx();
    pool = Pools.pool(vertx, db.settings());
    deadLetters = new DeadLetters(pool);
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
  @DisplayName("once a new term began, the old term's dead letter, park and unpark are refused and change nothing")
  void oldTermIsRefused() {
    PgConnection conn = await(Pools.dedicated(vertx, db.settings()));
    Lease first = new Lease(LEASE, nextTerm(conn), conn);
    StoredEvent event = event(7);
    await(deadLetters.park(GROUP, event, first));
    Lease second = new Lease(LEASE, nextTerm(conn), conn);
    assertThat(second.term()).isEqualTo(first.term() + 1);

    List<Attempt> attempts = List.of(new Attempt(1, Instant.now(), "X", "boom"));
    assertThatThrownBy(() -> await(deadLetters.record(GROUP, event, attempts, first))).hasRootCauseInstanceOf(FencedOut.class);
    assertThatThrownBy(() -> await(deadLetters.park(GROUP, event(8), first))).hasRootCauseInstanceOf(FencedOut.class);
    assertThatThrownBy(() -> await(deadLetters.unpark(GROUP, 7, first))).hasRootCauseInstanceOf(FencedOut.class);

    assertThat(count("select count(*) from eventlog.dead_letters")).isZero();
    assertThat(count("select count(*) from eventlog.parked")).as("position 7 still parked, 8 never").isEqualTo(1);
    await(deadLetters.record(GROUP, event, attempts, second));
    await(deadLetters.unpark(GROUP, 7, second));
    assertThat(count("select count(*) from eventlog.dead_letters where term = " + second.term())).isEqualTo(1);
    assertThat(count("select count(*) from eventlog.parked")).isZero();
  }

  @Test
  @DisplayName("an election waits for the old term's write under way, so that write lands before the new term starts")
  void electionWaitsForTheOldTermsWrite() {
    PgConnection writer = await(Pools.dedicated(vertx, db.settings()));
    PgConnection elector = await(Pools.dedicated(vertx, db.settings()));
    long oldTerm = nextTerm(elector);

    Transaction tx = await(writer.begin());
    var parked = await(writer.preparedQuery(PARK_SQL).execute(Tuple.of(GROUP, 1L, "agg", LEASE, oldTerm)));
    assertThat(parked.rowCount()).as("the old term's park, uncommitted").isEqualTo(1);

    int electorPid = elector.processId();
    Future<Long> election = Future.succeededFuture().compose(v -> nextTermAsync(elector));
    eventually(() -> count("select count(*) from pg_stat_activity where pid = " + electorPid
        + " and wait_event_type = 'Lock'"), n -> n == 1, "the election to wait on the old term's write");
    assertThat(election.isComplete()).isFalse();

    await(tx.commit());
    long newTerm = await(election);
    assertThat(newTerm).isEqualTo(oldTerm + 1);
    assertThat(await(writer.preparedQuery(PARK_SQL).execute(Tuple.of(GROUP, 2L, "agg", LEASE, oldTerm))).rowCount())
        .as("the old term's next write").isZero();
    assertThat(count("select count(*) from eventlog.parked where term = " + oldTerm)).isEqualTo(1);
  }

  @Test
  @DisplayName("a second dead letter for an event that has a live one merges into it instead of failing for ever")
  void secondDeadLetterMerges() {
    PgConnection conn = await(Pools.dedicated(vertx, db.settings()));
    Lease lease = new Lease(LEASE, nextTerm(conn), conn);
    StoredEvent event = event(3);
    long first = await(deadLetters.record(GROUP, event, List.of(new Attempt(1, Instant.now(), "X", "boom")), lease));
    long second = await(deadLetters.record(GROUP, event, List.of(new Attempt(1, Instant.now(), "Y", "bang")), lease));

    assertThat(second).isEqualTo(first);
    assertThat(count("select count(*) from eventlog.dead_letters")).isEqualTo(1);
    assertThat(count("select jsonb_array_length(attempts) from eventlog.dead_letters")).isEqualTo(2);
    assertThat(await(pool.query("select error_class from eventlog.dead_letters").execute()).iterator().next()
        .getString("error_class")).isEqualTo("Y");
  }

  @Test
  @DisplayName("resolving or releasing a dead letter under an epoch a replay has ended is refused and changes nothing")
  void staleEpochRelease() {
    PgConnection conn = await(Pools.dedicated(vertx, db.settings()));
    Lease lease = new Lease(LEASE, nextTerm(conn), conn);
    db.sql("insert into eventlog.subscriptions (group_name, types, epoch) values ('" + GROUP + "', array['t'], 2)");
    long id = await(deadLetters.record(GROUP, event(4), List.of(new Attempt(1, Instant.now(), "X", "boom")), lease));

    assertThatThrownBy(() -> await(deadLetters.resolve(id, lease, GROUP, 1))).hasRootCauseInstanceOf(DeadLetters.EpochOver.class);
    assertThatThrownBy(() -> await(deadLetters.release(id, lease, GROUP, 1))).hasRootCauseInstanceOf(DeadLetters.EpochOver.class);
    assertThat(count("select count(*) from eventlog.dead_letters where status = 'open' and not released")).isEqualTo(1);

    await(deadLetters.resolve(id, lease, GROUP, 2));
    await(deadLetters.release(id, lease, GROUP, 2));
    assertThat(count("select count(*) from eventlog.dead_letters where status = 'resolved' and released")).isEqualTo(1);
  }

  @Test
  @DisplayName("a dedicated connection, like a lock's, has the server probe its client every few seconds")
  void dedicatedConnectionKeepalive() {
    PgConnection conn = await(Pools.dedicated(vertx, db.settings()));
    var row = await(conn.query("select current_setting('tcp_keepalives_idle') as idle,"
        + " current_setting('tcp_keepalives_count') as count").execute()).iterator().next();
    assertThat(row.getString("idle")).isEqualTo("5");
    assertThat(row.getString("count")).isEqualTo("3");
  }

  private static final String PARK_SQL = """
      insert into eventlog.parked (group_name, position, aggregate_id, term)
      select $1, $2, $3, $5 where %s
      """.formatted(LeaseSql.fence(4, 5));

  private static long nextTerm(PgConnection conn) {
    return await(nextTermAsync(conn));
  }

  private static Future<Long> nextTermAsync(PgConnection conn) {
    return conn.preparedQuery(LeaseSql.ENSURE).execute(Tuple.of(LEASE))
        .compose(v -> conn.preparedQuery(LeaseSql.NEXT_TERM).execute(Tuple.of(LEASE)))
        .map(rows -> rows.iterator().next().getLong("term"));
  }

  private long count(String sql) {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  private static StoredEvent event(long position) {
    return new StoredEvent(position, UUID.randomUUID(), "inventory.stock-restocked", 1, "agg",
        "{\"sku\":\"agg\",\"quantity\":1}", "{}");
  }
}
