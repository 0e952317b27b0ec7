package org.orderplatform.messaging.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.MessagingVerticle;
import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

/**
 * Appends wake the sequencer, and the sequencer the dispatchers, over the event bus. The polls are
 * set to 5 s here and no LISTEN is used for either wake-up, so only the bus explains fast delivery.
 */
@DisplayName("wake-ups over the event bus")
class BusWakeupTest {

  private static final Duration SLOW_POLL = Duration.ofSeconds(5);

  private final Recorder recorder = new Recorder("wakeups");
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    GroupSettings slowPoll = new GroupSettings(1, 64, 2_000, RetryPolicy.defaults(), Duration.ofSeconds(5), SLOW_POLL);
    node = MessagingNode.start(db, List.of(recorder.subscription(slowPoll)),
        new MessagingVerticle.Timing(MessagingNode.FAST.leader(), SLOW_POLL));
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
  @DisplayName("an appended event is delivered well within the polls' interval")
  void deliveredWithoutPolling() {
    // Both roles lead once this first event is through (each reads at once when it starts).
    node.append(List.of(restock("warm-up", 1)));
    eventually(recorder::calls, calls -> calls.size() == 1, "the first event delivered");

    List<Long> latencies = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      int expected = i + 1;
      long appended = System.nanoTime();
      node.append(List.of(restock("sku-" + i, i)));
      eventually(recorder::calls, calls -> calls.size() == expected, "event " + i + " delivered");
      latencies.add((System.nanoTime() - appended) / 1_000_000);
    }
    assertThat(latencies).as("milliseconds from commit to delivery, with %s polls", SLOW_POLL)
        .allMatch(millis -> millis < 1_000);
  }
}
