package org.orderplatform.messaging.dispatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.messaging.testing.TopOfRange;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.MessagingNode.restock;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

@DisplayName("redelivery of a failed event")
class RedeliveryTest {

  private static final long BASE_MS = 150;
  // Timers and a database round trip come on top of the backoff; far less than one doubling.
  private static final long SLACK_MS = 120;

  private final Recorder recorder = new Recorder("flaky");
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    GroupSettings settings = GroupSettings.perEvent()
        .withRetry(new RetryPolicy(5, Duration.ofMillis(BASE_MS), Duration.ofSeconds(5)));
    // Jitter at the top of its range makes every wait exactly its ceiling.
    node = MessagingNode.start(db, List.of(recorder.subscription(settings)), TopOfRange::new);
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
  @DisplayName("a handler that fails twice then succeeds is called three times, applies once, with growing gaps")
  void failsTwiceThenSucceeds() {
    AtomicInteger failuresLeft = new AtomicInteger(2);
    recorder.failWhen(call -> failuresLeft.getAndDecrement() > 0);
    Envelope<?> event = restock("sku-1", 7);
    node.append(List.of(event));

    List<Recorder.Effect> effects = eventually(() -> recorder.effects(node.pool), e -> !e.isEmpty(),
        "the effect applied");
    eventually(() -> node.dispatcher("flaky").stats().cursor(), cursor -> cursor == 1, "the cursor past the event");

    assertThat(effects).extracting(Recorder.Effect::eventId).containsExactly(event.eventId());
    List<Recorder.Call> calls = recorder.calls();
    assertThat(calls).hasSize(3).allMatch(call -> call.eventId().equals(event.eventId()));
    long firstGap = TimeUnit.NANOSECONDS.toMillis(calls.get(1).atNanos() - calls.get(0).atNanos());
    long secondGap = TimeUnit.NANOSECONDS.toMillis(calls.get(2).atNanos() - calls.get(1).atNanos());
    assertThat(firstGap).isBetween(BASE_MS, BASE_MS + SLACK_MS);
    assertThat(secondGap).isBetween(2 * BASE_MS, 2 * BASE_MS + SLACK_MS);
    assertThat(node.dispatcher("flaky").stats().failedAttempts()).isEqualTo(2);
    assertThat(node.count("select count(*) from eventlog.dead_letters")).isZero();
    assertThat(node.count("select count(*) from eventlog.inbox where group_name = 'flaky'")).isEqualTo(1);
  }
}
