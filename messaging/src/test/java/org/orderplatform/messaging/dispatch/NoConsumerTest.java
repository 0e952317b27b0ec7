package org.orderplatform.messaging.dispatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.RetryPolicy;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

@DisplayName("a group whose consumers are away")
class NoConsumerTest {

  private static final String GROUP = "away";

  private final Recorder recorder = new Recorder(GROUP);
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    // Two quick attempts: were "no handlers" a failed attempt, the event would be dead within ~25 ms.
    node = MessagingNode.start(db, List.of(recorder.subscription(GroupSettings.perEvent()
        .withRetry(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20))))));
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
  @DisplayName("waits without spending the event's attempts, and delivers once a consumer is back")
  void waitsForConsumers() {
    node.stopListening(0);
    node.append(List.of(restock("sku-1", 1), restock("sku-2", 2)));
    GroupStats stats = node.dispatcher(GROUP).stats();
    eventually(stats::waited, waits -> waits >= 10, "several rounds without a consumer");
    assertThat(stats.failedAttempts()).isZero();
    assertThat(node.count("select count(*) from eventlog.dead_letters")).isZero();

    node.listenAgain(0);
    eventually(() -> recorder.effects(node.pool).size(), n -> n == 2, "both delivered");
    assertThat(node.count("select count(*) from eventlog.dead_letters")).isZero();
    assertThat(stats.failedAttempts()).isZero();
  }
}
