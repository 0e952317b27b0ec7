package org.orderplatform.messaging.log;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Codecs;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.plumbing.db.Pools;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

/** One sequencer pass, run by hand: its fence and its batch limit. */
@DisplayName("a sequencer pass")
class SequenceStatementTest {

  private static final String LEASE = "order-platform:sequencer";

  private TestDatabase db;
  private Vertx vertx;
  private PgConnection conn;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    db.sql("insert into eventlog.leases (name, term) values ('" + LEASE + "', 7)");
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    conn = await(Pools.dedicated(vertx, db.settings()));
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
  @DisplayName("under a term that is over numbers nothing and says so; under the current term numbers every row")
  void fencedByTerm() {
    append(3);

    Row deposed = pass(100, 6);
    assertThat(deposed.getLong("assigned")).isZero();
    assertThat(deposed.getBoolean("current")).isFalse();
    assertThat(positions()).containsOnlyNulls();

    Row current = passOnceClear(100, 7);
    assertThat(current.getLong("assigned")).isEqualTo(3);
    assertThat(current.getLong("head")).isEqualTo(3);
    assertThat(current.getBoolean("current")).isTrue();
    assertThat(current.getLong("unsequenced")).as("unsequenced when the pass began").isEqualTo(3);
    assertThat(positions()).containsExactly(1L, 2L, 3L);
  }

  @Test
  @DisplayName("numbers at most its limit, in id order, and leaves counting for a pass that is not full")
  void batchLimit() {
    append(5);

    Row full = passOnceClear(2, 7);
    assertThat(full.getLong("assigned")).isEqualTo(2);
    assertThat(full.getLong("unsequenced")).isNull();
    Row rest = passOnceClear(10, 7);
    assertThat(rest.getLong("assigned")).isEqualTo(3);
    assertThat(rest.getLong("head")).isEqualTo(5);
    assertThat(positions()).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  private void append(int events) {
    List<Envelope<?>> envelopes = IntStream.rangeClosed(1, events).<Envelope<?>>mapToObj(i -> restock("sku", i)).toList();
    await(EventLog.append(conn, envelopes));
  }

  private Row pass(int limit, long term) {
    return await(conn.preparedQuery(EventLogSql.SEQUENCE).execute(Tuple.of(limit, LEASE, term))).iterator().next();
  }

  // xmin is server-wide: a transaction open anywhere on the server (another test's database, say)
  // holds every row back, so a pass that must number something is repeated until one does.
  private Row passOnceClear(int limit, long term) {
    return eventually(() -> pass(limit, term), row -> row.getLong("assigned") > 0, "a pass that numbers rows");
  }

  /** Positions in id order. */
  private List<Long> positions() {
    List<Long> positions = new ArrayList<>();
    await(conn.query("select position from eventlog.events order by id").execute())
        .forEach(row -> positions.add(row.getLong("position")));
    return positions;
  }
}
