package org.orderplatform.messaging.dispatch;

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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.MessagingNode.restock;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

/**
 * Two nodes (two {@code Vertx}, each with its own bus and inbox consumer) on one database compete
 * for the sequencer and the group's dispatcher. Since the buses are separate, a node's handler is
 * only ever called by that node's own dispatcher.
 */
@DisplayName("leadership of a group across two nodes")
class LeaderFailoverTest {

  private static final String GROUP = "shared";
  private static final Duration TAKEOVER = Duration.ofSeconds(10);
  private static final int EVENTS_PER_WAVE = 20;

  private final Recorder onFirst = new Recorder(GROUP);
  private final Recorder onSecond = new Recorder(GROUP);
  private final List<Envelope<?>> appended = new ArrayList<>();
  private TestDatabase db;
  private MessagingNode first;
  private MessagingNode second;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    first = MessagingNode.start(db, List.of(onFirst.subscription(GroupSettings.perEvent())));
    second = MessagingNode.start(db, List.of(onSecond.subscription(GroupSettings.perEvent())));
  }

  @AfterEach
  void stop() {
    try {
      first.close();
      second.close();
    } finally {
      db.close();
    }
  }

  @Test
  @DisplayName("only one node dispatches, and when it stops the other takes over within 10 s, losing and doubling nothing")
  void theOtherTakesOver() {
    MessagingNode leader = eventually(this::leader, found -> found != null, "one leader");
    MessagingNode follower = leader == first ? second : first;
    Recorder followerCalls = leader == first ? onSecond : onFirst;
    appendWave(follower);
    eventually(() -> onFirst.effects(first.pool), e -> e.size() == EVENTS_PER_WAVE, "the first wave applied");
    assertThat(followerCalls.calls()).as("calls on the follower").isEmpty();
    assertThat(follower.dispatcher(GROUP).leading()).isFalse();

    appendWave(follower);
    long stopped = System.nanoTime();
    leader.close();
    eventually(() -> follower.dispatcher(GROUP).leading(), leading -> leading, "the follower to lead");
    assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(TAKEOVER);
    appendWave(follower);

    eventually(() -> onFirst.effects(follower.pool), e -> e.size() == 3 * EVENTS_PER_WAVE, "every wave applied");
    assertAppliedExactlyOnce(follower);
  }

  @Test
  @DisplayName("when the leader's lock connection is killed, leadership recovers within 10 s and nothing is lost or applied twice")
  void lockConnectionKilled() {
    MessagingNode leader = eventually(this::leader, found -> found != null, "one leader");
    appendWave(leader);
    eventually(() -> onFirst.effects(leader.pool), e -> e.size() == EVENTS_PER_WAVE, "the first wave applied");

    appendWave(leader);
    Integer holder = lockHolder(leader);
    assertThat(holder).as("the backend holding the group's lock").isNotNull();
    assertThat(leader.count("select count(pg_terminate_backend($1))", holder)).isEqualTo(1);
    long killedAt = System.nanoTime();
    // The old leader may win the lock back on a new connection; either way a new session holds it.
    eventually(() -> lockHolder(leader), pid -> pid != null && !pid.equals(holder), "a new holder of the lock");
    eventually(this::leader, found -> found != null, "a leader again");
    assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(TAKEOVER);
    appendWave(first);

    eventually(() -> onFirst.effects(first.pool), e -> e.size() == 3 * EVENTS_PER_WAVE, "every wave applied");
    assertAppliedExactlyOnce(first);
  }

  @Test
  @DisplayName("a node stopped while it is still trying for leadership does not keep the lock")
  void stoppedWhileTrying() {
    MessagingNode leader = eventually(this::leader, found -> found != null, "one leader");
    MessagingNode follower = leader == first ? second : first;
    leader.close();
    // Deploy a third candidate and stop it at once: its first try for the lock is still under way.
    MessagingNode third = MessagingNode.start(db, List.of(new Recorder(GROUP).subscription(GroupSettings.perEvent())));
    try {
      third.stopMessaging();
      long stoppedAt = System.nanoTime();
      eventually(() -> follower.dispatcher(GROUP).leading(), leading -> leading, "the follower to lead");
      assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(TAKEOVER);
      appendWave(follower);
      eventually(() -> onFirst.effects(follower.pool), e -> e.size() == EVENTS_PER_WAVE, "the wave applied");
    } finally {
      third.close();
    }
  }

  private static Integer lockHolder(MessagingNode via) {
    // A bigint advisory key shows in pg_locks split into classid (high half) and objid (low half).
    List<Integer> pids = via.rows("select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 1"
            + " and ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)",
            "order-platform:dispatcher:" + GROUP)
        .stream().map(row -> row.getInteger("pid")).toList();
    return pids.isEmpty() ? null : pids.get(0);
  }

  private MessagingNode leader() {
    boolean firstLeads = first.dispatcher(GROUP).leading();
    boolean secondLeads = second.dispatcher(GROUP).leading();
    assertThat(firstLeads && secondLeads).as("both nodes lead the group").isFalse();
    return firstLeads ? first : secondLeads ? second : null;
  }

  /** Events in separate commits over a few aggregates, as several producers would write them. */
  private void appendWave(MessagingNode via) {
    for (int i = 0; i < EVENTS_PER_WAVE; i++) {
      Envelope<?> event = restock("sku-" + (i % 4), appended.size());
      appended.add(event);
      via.append(List.of(event));
    }
  }

  private void assertAppliedExactlyOnce(MessagingNode via) {
    List<UUID> applied = onFirst.effects(via.pool).stream().map(Recorder.Effect::eventId).toList();
    assertThat(applied).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(appended.stream().map(Envelope::eventId).toList());
    for (int sku = 0; sku < 4; sku++) {
      List<Integer> quantities = onFirst.effectsFor(via.pool, "sku-" + sku).stream()
          .map(Recorder.Effect::quantity).toList();
      assertThat(quantities).as("sku-%d applied in order", sku).isSorted();
    }
  }
}
