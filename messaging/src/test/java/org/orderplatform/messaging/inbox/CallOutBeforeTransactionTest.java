package org.orderplatform.messaging.inbox;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EnvelopeBatch;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.messaging.FailureCode;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.TestDatabase;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

@DisplayName("a handler that calls out before its transaction")
class CallOutBeforeTransactionTest {

  private static final String GROUP = "calls-out";

  /** What the handler saw while it called out: its events, and the open transactions of the test's database. */
  private record CallOut(List<String> skus, long openTransactions) {
  }

  private final ConcurrentLinkedQueue<CallOut> calls = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean failing = new AtomicBoolean();
  private TestDatabase db;
  private MessagingNode node;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    db.sql("create table public.call_results (event_id uuid primary key, sku text not null, result text not null)");
    node = MessagingNode.start(db, List.of(Subscription.<InventoryEvent>of(GROUP,
        Set.of(InventoryEvent.StockRestocked.class), GroupSettings.perEvent(), new CallingOut())));
  }

  @AfterEach
  void stop() {
    try {
      node.close();
    } finally {
      db.close();
    }
  }

  /** "Calls" a provider (a pg_stat_activity probe stands in) and records the answer in the inbox's transaction. */
  private final class CallingOut implements EventHandler<InventoryEvent> {

    @Override
    public Future<Void> handle(Envelope<? extends InventoryEvent> envelope, SqlConnection tx) {
      return Future.failedFuture(new IllegalStateException("only the handler beforeTransaction returns may run"));
    }

    @Override
    public Future<EventHandler<InventoryEvent>> beforeTransaction(List<Envelope<? extends InventoryEvent>> envelopes) {
      if (failing.get()) {
        return Future.failedFuture(new IllegalStateException("provider down"));
      }
      List<String> skus = envelopes.stream().map(e -> ((InventoryEvent.StockRestocked) e.payload()).sku()).toList();
      // A transaction opened for this delivery would sit 'idle in transaction' for the whole call.
      return node.pool.preparedQuery("select count(*) from pg_stat_activity where datname = $1"
              + " and state like 'idle in transaction%'").execute(Tuple.of(db.name()))
          .map(rows -> {
            calls.add(new CallOut(skus, rows.iterator().next().getLong(0)));
            return (envelope, tx) -> tx.preparedQuery("insert into public.call_results values ($1, $2, 'called')")
                .execute(Tuple.of(envelope.eventId(), ((InventoryEvent.StockRestocked) envelope.payload()).sku()))
                .mapEmpty();
          });
    }
  }

  @Test
  @DisplayName("calls out with no transaction open, then records the outcome with the inbox row")
  void callsOutsideTheTransaction() {
    Envelope<?> event = restock("sku-1", 1).withPosition(1);

    await(node.vertx.eventBus().request(Addresses.group(GROUP), event));

    assertThat(calls).containsExactly(new CallOut(List.of("sku-1"), 0));
    assertThat(node.count("select count(*) from public.call_results where event_id = $1", event.eventId()))
        .isEqualTo(1);
    assertThat(node.count("select count(*) from eventlog.inbox where event_id = $1", event.eventId())).isEqualTo(1);
  }

  @Test
  @DisplayName("an event delivered again is acknowledged without calling out again")
  void duplicateDoesNotCallAgain() {
    Envelope<?> event = restock("sku-1", 1).withPosition(1);
    await(node.vertx.eventBus().request(Addresses.group(GROUP), event));

    await(node.vertx.eventBus().request(Addresses.group(GROUP), event));

    assertThat(calls).hasSize(1);
    assertThat(node.inbox(0).duplicates()).isEqualTo(1);
    assertThat(node.count("select count(*) from public.call_results")).isEqualTo(1);
  }

  @Test
  @DisplayName("a batch with an event handled before calls out for the new events only")
  void batchCallsOutForNewEventsOnly() {
    Envelope<?> old = restock("sku-old", 1).withPosition(1);
    await(node.vertx.eventBus().request(Addresses.group(GROUP), old));
    Envelope<?> fresh = restock("sku-new", 1).withPosition(2);

    await(node.vertx.eventBus().request(Addresses.group(GROUP), new EnvelopeBatch(List.of(old, fresh))));

    assertThat(calls).extracting(CallOut::skus).containsExactly(List.of("sku-old"), List.of("sku-new"));
    assertThat(node.count("select count(*) from public.call_results")).isEqualTo(2);
  }

  @Test
  @DisplayName("a failed call fails the delivery, leaves no inbox row, and the next delivery calls again")
  void failedCallFailsTheDelivery() {
    Envelope<?> event = restock("sku-1", 1).withPosition(1);
    failing.set(true);

    assertThatThrownBy(() -> await(node.vertx.eventBus().request(Addresses.group(GROUP), event)))
        .hasRootCauseInstanceOf(ReplyException.class)
        .rootCause().satisfies(e -> assertThat(((ReplyException) e).failureCode())
            .isEqualTo(FailureCode.HANDLER_FAILED.code()));
    assertThat(node.count("select count(*) from eventlog.inbox")).isZero();

    failing.set(false);
    await(node.vertx.eventBus().request(Addresses.group(GROUP), event));
    assertThat(calls).hasSize(1);
    assertThat(node.count("select count(*) from public.call_results")).isEqualTo(1);
  }
}
