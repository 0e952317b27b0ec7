package org.orderplatform.messaging.log;

import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.MessagingNode.restock;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

/**
 * The races of DESIGN.md "Gap-free, order-preserving reading", driven with explicit connections so the
 * interleaving is the real one: ids and xids are handed out in one order, commits happen in another.
 */
@DisplayName("the sequencer under racing transactions")
class SequencerRaceTest {

  private final Recorder recorder = new Recorder("race");
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

  @Test
  @DisplayName("an append that took the lower id but commits last is neither skipped nor overtaken")
  void outOfOrderCommit() {
    PgConnection a = node.connection();
    PgConnection b = node.connection();
    Envelope<?> first = restock("sku-a", 1);
    Envelope<?> second = restock("sku-b", 2);

    Transaction txA = await(a.begin());
    await(EventLog.append(a, first));
    Transaction txB = await(b.begin());
    await(EventLog.append(b, second));
    assertThat(idOf(a, first)).isLessThan(idOf(b, second));
    await(txB.commit());

    // The sequencer ran after B committed (it now counts B's row as waiting) and still left it
    // unnumbered, because A, older than B's xid, is open.
    eventually(() -> node.messaging.sequencer().lagRows() == 1 || positionOf(second) != null, seen -> seen,
        "the sequencer to see B's row");
    assertThat(positionOf(second)).as("B's position while the older A is open").isNull();
    assertThat(recorder.calls()).isEmpty();

    await(txA.commit());

    List<Recorder.Effect> effects = eventually(() -> recorder.effects(node.pool), applied -> applied.size() == 2,
        "both events applied");
    // Two aggregates, applied in parallel; the log order is what the sequencer decides.
    assertThat(effects).extracting(Recorder.Effect::eventId)
        .containsExactlyInAnyOrder(first.eventId(), second.eventId());
    assertThat(positionOf(first)).isLessThan(positionOf(second));
    assertThat(node.messaging.sequencer().lagRows()).isZero();
  }

  @Test
  @DisplayName("an aggregate's event 6, written by a transaction with an older xid, is delivered after its event 5")
  void olderXidAppendsLater() {
    PgConnection t2 = node.connection();
    PgConnection t1 = node.connection();
    Envelope<?> five = restock("sku-x", 5);
    Envelope<?> six = restock("sku-x", 6);

    // T2 takes its xid first, as its first write would, and stays open.
    Transaction tx2 = await(t2.begin());
    long xid2 = xidOf(t2);
    Transaction tx1 = await(t1.begin());
    await(EventLog.append(t1, five));
    assertThat(xidOf(t1)).isGreaterThan(xid2);
    await(tx1.commit());

    eventually(() -> node.messaging.sequencer().lagRows() == 1 || positionOf(five) != null, seen -> seen,
        "the sequencer to see event 5");
    assertThat(positionOf(five)).as("event 5's position while the older-xid T2 is open").isNull();
    assertThat(recorder.calls()).isEmpty();

    await(EventLog.append(t2, six));
    await(tx2.commit());

    List<Recorder.Effect> effects = eventually(() -> recorder.effects(node.pool), applied -> applied.size() == 2,
        "both events applied");
    assertThat(effects).extracting(Recorder.Effect::quantity).containsExactly(5, 6);
    assertThat(recorder.calls()).extracting(Recorder.Call::quantity).containsExactly(5, 6);
    assertThat(positionOf(five)).isLessThan(positionOf(six));
  }

  @Test
  @DisplayName("an aggregate's event 6, eligible by xid before its event 5, is not numbered before it")
  void eligibleByXidOutOfIdOrder() {
    PgConnection low = node.connection();
    PgConnection mid = node.connection();
    PgConnection high = node.connection();
    Envelope<?> five = restock("sku-x", 5);
    Envelope<?> six = restock("sku-x", 6);

    // T_low takes its xid first (as an inbox claim would), T_mid the next one and stays open.
    Transaction txLow = await(low.begin());
    long xidLow = xidOf(low);
    Transaction txMid = await(mid.begin());
    long xidMid = xidOf(mid);
    // T_high holds the aggregate's lock and appends event 5; its xid is above T_mid's.
    Transaction txHigh = await(high.begin());
    lockAggregate(high, "sku-x");
    await(EventLog.append(high, five));
    assertThat(xidOf(high)).isGreaterThan(xidMid).isGreaterThan(xidLow);
    // T_low waits for the aggregate's lock, gets it when T_high commits, then appends event 6.
    Future<?> lowLocked = lockAggregateLater(low, "sku-x");
    eventually(() -> node.count("""
            select count(*) from pg_locks
             where locktype = 'advisory' and not granted
               and database = (select oid from pg_database where datname = current_database())"""),
        waiting -> waiting == 1, "T_low to wait for the aggregate's lock");
    await(txHigh.commit());
    await(lowLocked);
    await(EventLog.append(low, six));
    await(txLow.commit());
    assertThat(idOf(low, five)).isLessThan(idOf(low, six));

    // Now event 6's xid is below xmin (T_mid) and event 5's is not: let the sequencer look at that.
    eventually(() -> node.messaging.sequencer().lagRows() == 2 || positionOf(six) != null, seen -> seen,
        "the sequencer to see both events while T_mid is open");
    Long sixWhileMidOpen = positionOf(six);
    await(txMid.commit());

    List<Recorder.Effect> effects = eventually(() -> recorder.effects(node.pool), applied -> applied.size() == 2,
        "both events applied");
    assertThat(positionOf(five)).as("event 5's position").isLessThan(positionOf(six));
    assertThat(recorder.calls()).extracting(Recorder.Call::quantity).containsExactly(5, 6);
    assertThat(effects).extracting(Recorder.Effect::quantity).containsExactly(5, 6);
    assertThat(sixWhileMidOpen).as("event 6's position while event 5 was held back by T_mid").isNull();
  }

  private static void lockAggregate(SqlConnection conn, String aggregate) {
    await(lockAggregateLater(conn, aggregate));
  }

  private static Future<?> lockAggregateLater(SqlConnection conn, String aggregate) {
    return conn.preparedQuery("select pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(aggregate));
  }

  private static long idOf(SqlConnection conn, Envelope<?> envelope) {
    return await(conn.preparedQuery("select id from eventlog.events where event_id = $1")
        .execute(Tuple.of(envelope.eventId()))).iterator().next().getLong("id");
  }

  private static long xidOf(SqlConnection conn) {
    return Long.parseLong(await(conn.query("select pg_current_xact_id()::text as xid").execute())
        .iterator().next().getString("xid"));
  }

  private Long positionOf(Envelope<?> envelope) {
    return node.rows("select position from eventlog.events where event_id = $1", envelope.eventId())
        .get(0).getLong("position");
  }
}
