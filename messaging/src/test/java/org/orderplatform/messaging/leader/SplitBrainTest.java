package org.orderplatform.messaging.leader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TcpRelay;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.plumbing.db.PgSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

/**
 * A leader whose lock connection goes silent (a partition: no data, no close) while the server
 * ends its session and another node takes the lock. The old leader must stop within 5 s, and
 * nothing it writes may land once the new term has begun: not a cursor, not a dead letter, not a
 * parked row, not a handler's effect.
 */
@DisplayName("a leader cut off from its lock")
class SplitBrainTest {

  private static final String GROUP = "split";
  private static final String LEASE = "order-platform:dispatcher:" + GROUP;
  private static final Duration STEP_DOWN = Duration.ofSeconds(5);
  private static final GroupSettings SETTINGS = GroupSettings.perEvent()
      .withRetry(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20)));

  private final Recorder onOld = new Recorder(GROUP);
  private final Recorder onNew = new Recorder(GROUP);
  private TestDatabase db;
  private TcpRelay relay;
  private MessagingNode old;
  private MessagingNode next;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    db.sql(WRITE_LOG);
    var direct = db.settings().connectOptions();
    relay = TcpRelay.start(direct.getHost(), direct.getPort());
    PgSettings viaRelay = PgSettings.parse(db.settings().url().replace(":" + direct.getPort() + "/", ":" + relay.port() + "/"),
        db.settings().poolSize());
    old = MessagingNode.start(db, List.of(onOld.subscription(SETTINGS)), SplittableRandom::new, viaRelay);
    eventually(() -> old.dispatcher(GROUP).leading() && old.messaging.sequencer() != null, leading -> leading,
        "the first node to lead");
    next = MessagingNode.start(db, List.of(onNew.subscription(SETTINGS)));
  }

  @AfterEach
  void stop() {
    try {
      next.close();
      relay.close(); // first: closing it ends the old node's silent connections, so its close is quick
      old.close();
    } finally {
      db.close();
    }
  }

  // Every write to the fenced tables, in the order the statements ran, with the term it carried.
  private static final String WRITE_LOG = """
      create table public.write_log (seq bigserial primary key, tbl text not null, name text, term bigint not null);
      create function public.log_write() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'leases' then
          insert into public.write_log (tbl, name, term) values ('leases', new.name, new.term);
        elsif tg_table_name = 'subscriptions' then
          insert into public.write_log (tbl, name, term) values ('subscriptions', new.group_name, new.cursor_term);
        else
          insert into public.write_log (tbl, name, term) values (tg_table_name, new.group_name, new.term);
        end if;
        return new;
      end $$;
      create trigger log_leases after insert or update on eventlog.leases for each row execute function public.log_write();
      create trigger log_cursor after update of cursor on eventlog.subscriptions for each row execute function public.log_write();
      create trigger log_dead after insert or update on eventlog.dead_letters for each row execute function public.log_write();
      create trigger log_parked after insert or update on eventlog.parked for each row execute function public.log_write();
      """;

  @Test
  @DisplayName("steps down within 5 s, and no write of its term lands after the next term starts")
  void oldLeaderIsFenced() {
    List<Envelope<?>> first = wave("before", 10);
    old.append(first);
    eventually(() -> onOld.effects(old.pool).size(), n -> n == 10, "the first wave applied by the first leader");
    long oldTerm = termOf(LEASE);

    long silencedAt = System.nanoTime();
    relay.silence();
    db.sql("select pg_terminate_backend(pid) from pg_stat_activity where client_port in ("
        + relay.upstreamPorts().stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
    eventually(() -> next.dispatcher(GROUP).leading(), leading -> leading, "the second node to take the lock");
    long newTerm = termOf(LEASE);
    assertThat(newTerm).isGreaterThan(oldTerm);

    // Work for both while the first still believes it leads: events to deliver, and an
    // undecodable one, which a leader dead-letters at once without asking any consumer.
    List<Envelope<?>> second = wave("after", 10);
    next.append(second);
    db.sql("insert into eventlog.events (event_id, type, version, aggregate_id, payload, headers) values ('"
        + UUID.randomUUID() + "', 'inventory.stock-restocked', 99, 'garbled', '{}', '{}')");

    eventually(() -> old.dispatcher(GROUP).leading(), leading -> !leading, "the cut-off leader to step down");
    assertThat(Duration.ofNanos(System.nanoTime() - silencedAt)).isLessThan(STEP_DOWN);
    eventually(() -> onNew.effects(next.pool).size(), n -> n == 20, "the second wave applied");
    eventually(() -> next.count("select count(*) from eventlog.dead_letters"), n -> n == 1L, "one dead letter");

    assertThat(onOld.calls()).as("the old leader's handler after the cut").hasSize(10);
    assertThat(next.count("select term from eventlog.dead_letters")).isEqualTo(newTerm);
    long bumpedAt = next.count("select min(seq) from public.write_log where tbl = 'leases' and name = $1 and term = $2",
        LEASE, newTerm);
    assertThat(next.count("select count(*) from public.write_log where tbl <> 'leases' and name = $1 and seq > $2"
        + " and term < $3", GROUP, bumpedAt, newTerm)).as("writes of the old term after the new one began").isZero();
  }

  @Test
  @DisplayName("with nothing to write, it still steps down within 5 s: the lock check times out")
  void silentLeaderStepsDown() {
    long oldTerm = termOf(LEASE);
    long silencedAt = System.nanoTime();
    relay.silence();
    eventually(() -> old.dispatcher(GROUP).leading(), leading -> !leading, "the cut-off leader to step down");
    assertThat(Duration.ofNanos(System.nanoTime() - silencedAt)).isLessThan(STEP_DOWN);
    db.sql("select pg_terminate_backend(pid) from pg_stat_activity where client_port in ("
        + relay.upstreamPorts().stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
    eventually(() -> next.dispatcher(GROUP).leading(), leading -> leading, "the second node to take the lock");
    assertThat(termOf(LEASE)).isGreaterThan(oldTerm);
  }

  private long termOf(String lease) {
    return next == null ? old.count("select term from eventlog.leases where name = $1", lease)
        : next.count("select term from eventlog.leases where name = $1", lease);
  }

  private static List<Envelope<?>> wave(String prefix, int n) {
    List<Envelope<?>> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(restock(prefix + "-" + i, i));
    }
    return events;
  }
}
