package org.orderplatform.messaging.inbox;

import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EnvelopeBatch;
import org.orderplatform.messaging.Addresses;
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

@DisplayName("duplicate deliveries")
class DuplicateDeliveryTest {

  private static final String GROUP = "dupes";

  private final Recorder recorder = new Recorder(GROUP);
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
  @DisplayName("an envelope sent again, and twice at the same moment, is acknowledged every time but applied once")
  void sameEnvelopeAgain() {
    Envelope<?> event = restock("sku-1", 3);
    node.append(List.of(event));
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 1, "the event applied");
    Envelope<?> delivered = event.withPosition(1);

    await(node.vertx.eventBus().request(Addresses.group(GROUP), delivered));
    // Two at once: the second waits on the first one's inbox row and then sees the conflict.
    Envelope<?> fresh = restock("sku-2", 4).withPosition(99);
    await(Future.all(node.vertx.eventBus().request(Addresses.group(GROUP), fresh),
        node.vertx.eventBus().request(Addresses.group(GROUP), fresh)));

    assertThat(recorder.effects(node.pool)).extracting(Recorder.Effect::eventId)
        .containsExactly(event.eventId(), fresh.eventId());
    assertThat(node.inbox(0).duplicates()).isEqualTo(2);
  }

  @Test
  @DisplayName("a batch holding an event already handled applies only the new one")
  void batchWithAHandledEvent() {
    Envelope<?> old = restock("sku-1", 1);
    node.append(List.of(old));
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 1, "the event applied");
    Envelope<?> fresh = restock("sku-1", 2).withPosition(99);

    EnvelopeBatch batch = new EnvelopeBatch(List.of(old.withPosition(1), fresh));
    await(node.vertx.eventBus().request(Addresses.group(GROUP), batch));

    assertThat(recorder.effects(node.pool)).extracting(Recorder.Effect::quantity).containsExactly(1, 2);
    assertThat(node.inbox(0).duplicates()).isEqualTo(1);
  }

  @Test
  @DisplayName("moving the cursor back without forgetting the inbox re-delivers the events without second effects")
  void cursorMovedBack() {
    node.append(List.of(restock("sku-1", 1), restock("sku-2", 2), restock("sku-1", 3)));
    eventually(() -> recorder.effects(node.pool), e -> e.size() == 3, "three events applied");
    eventually(() -> node.dispatcher(GROUP).stats().cursor(), c -> c == 3, "the cursor at the head");

    db.sql("update eventlog.subscriptions set cursor = 0, epoch = epoch + 1 where group_name = '" + GROUP + "'");
    db.sql("select pg_notify('eventlog_control', '" + GROUP + "')");

    eventually(() -> node.inbox(0).duplicates(), n -> n == 3, "all three re-delivered");
    assertThat(recorder.calls()).hasSize(3);
    assertThat(recorder.effects(node.pool)).extracting(Recorder.Effect::quantity).containsExactlyInAnyOrder(1, 2, 3);
  }
}
