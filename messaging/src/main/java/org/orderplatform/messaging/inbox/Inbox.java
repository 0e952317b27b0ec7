package org.orderplatform.messaging.inbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EnvelopeBatch;
import org.orderplatform.codecs.UndecodableEnvelope;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.messaging.FailureCode;
import org.orderplatform.messaging.OrderLogging;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.messaging.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * The consumer side of a subscriber group: takes envelopes (or batches) from the group's address
 * and applies them effectively once. The inbox row and the handler's effects commit in one
 * transaction; an event already in the inbox is acknowledged without running the handler again.
 * A handler that calls out does so before that transaction (see
 * {@link EventHandler#beforeTransaction}).
 */
public final class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private final Pool pool;
  private final Subscription<?> subscription;
  private final boolean callsOut;
  private final LongAdder handled = new LongAdder();
  private final LongAdder duplicates = new LongAdder();

  public Inbox(Pool pool, Subscription<?> subscription) {
    this.pool = pool;
    this.subscription = subscription;
    this.callsOut = subscription.callsOut();
  }

  public MessageConsumer<Object> listen(Vertx vertx) {
    return vertx.eventBus().consumer(Addresses.group(subscription.group()), this::onMessage);
  }

  public long handled() {
    return handled.sum();
  }

  public long duplicates() {
    return duplicates.sum();
  }

  private void onMessage(Message<Object> message) {
    Object body = message.body();
    List<Envelope<?>> envelopes;
    if (body instanceof Envelope<?> envelope) {
      envelopes = List.of(envelope);
    } else if (body instanceof EnvelopeBatch batch) {
      envelopes = batch.envelopes();
    } else if (body instanceof UndecodableEnvelope undecodable) {
      message.fail(FailureCode.UNDECODABLE.code(), "undecodable " + undecodable.type() + " v" + undecodable.version()
          + ": " + undecodable.reason());
      return;
    } else {
      message.fail(FailureCode.UNDECODABLE.code(), "not an envelope: " + (body == null ? "null" : body.getClass().getName()));
      return;
    }
    if (envelopes.stream().anyMatch(e -> !subscription.accepts(e.payload()))) {
      message.fail(FailureCode.UNEXPECTED_TYPE.code(), "group " + subscription.group() + " does not take this type");
      return;
    }
    DeliveryHeaders sender = DeliveryHeaders.from(message.headers());
    TraceContext.Consumption span = TraceContext.consume(subscription.group(), envelopes);
    OrderLogging.enter(envelopes);
    prepare(envelopes)
        .compose(prepared -> pool.withTransaction(tx -> handle(prepared, sender, tx)))
        .andThen(settled -> span.end(settled.cause()))
        .onSuccess(v -> message.reply(null))
        .onFailure(error -> {
          if (error instanceof StaleDelivery) {
            message.fail(FailureCode.STALE_DELIVERY.code(), error.getMessage());
            return;
          }
          log.debug("[{}] handler failed: {}", subscription.group(), error.toString());
          message.fail(FailureCode.HANDLER_FAILED.code(), FailureCode.detail(error));
        });
  }

  /** What the transaction applies: these envelopes (less any a concurrent delivery claims first), with this handler. */
  private record Prepared(List<Envelope<?>> envelopes, Applier applier, int alreadyHandled) {
  }

  @FunctionalInterface
  private interface Applier {
    Future<Void> apply(List<Envelope<?>> envelopes, SqlConnection tx);
  }

  /**
   * For a handler that calls out: drops the events already in the inbox (a plain read, outside any
   * transaction, so a duplicate does not call out again), then runs its
   * {@code beforeTransaction} on the rest. Any other handler goes straight to its transaction.
   */
  private Future<Prepared> prepare(List<Envelope<?>> envelopes) {
    if (!callsOut) {
      return Future.succeededFuture(new Prepared(envelopes, subscription::handleAll, 0));
    }
    UUID[] ids = envelopes.stream().map(Envelope::eventId).toArray(UUID[]::new);
    return pool.preparedQuery(InboxSql.HANDLED).execute(Tuple.of(subscription.group(), (Object) ids)).compose(rows -> {
      Set<UUID> handledBefore = new HashSet<>();
      rows.forEach(row -> handledBefore.add(row.getUUID("event_id")));
      List<Envelope<?>> fresh = envelopes.stream().filter(e -> !handledBefore.contains(e.eventId())).toList();
      if (fresh.isEmpty()) {
        // Nothing to call out for; the claim still checks the sender's fence before the acknowledgement.
        return Future.succeededFuture(new Prepared(envelopes, subscription::handleAll, 0));
      }
      return beforeTransaction(subscription, fresh)
          .map(applier -> new Prepared(fresh, applier, envelopes.size() - fresh.size()));
    });
  }

  // A handler that throws instead of returning a failed future must still fail the delivery.
  private static <E extends org.orderplatform.events.Message> Future<Applier> beforeTransaction(
      Subscription<E> subscription, List<Envelope<?>> envelopes) {
    try {
      Future<EventHandler<E>> prepared = subscription.beforeTransaction(envelopes);
      if (prepared == null) {
        return Future.failedFuture(new IllegalStateException("beforeTransaction returned null"));
      }
      return prepared.map(handler -> (list, tx) -> subscription.handleAll(handler, list, tx));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> handle(Prepared prepared, DeliveryHeaders sender, SqlConnection tx) {
    List<Envelope<?>> envelopes = prepared.envelopes();
    UUID[] ids = envelopes.stream().map(Envelope::eventId).toArray(UUID[]::new);
    Tuple claim = sender == null
        ? Tuple.of(subscription.group(), ids, null, null, null)
        : Tuple.of(subscription.group(), ids, sender.epoch(), sender.lease(), sender.term());
    return tx.preparedQuery(InboxSql.CLAIM).execute(claim).compose(rows -> {
      Set<UUID> fresh = new HashSet<>();
      boolean current = true;
      for (var row : rows) {
        current = row.getBoolean("current");
        if (row.getUUID("event_id") != null) {
          fresh.add(row.getUUID("event_id"));
        }
      }
      if (!current) {
        return Future.failedFuture(new StaleDelivery(sender));
      }
      duplicates.add(prepared.alreadyHandled() + envelopes.size() - fresh.size());
      handled.add(fresh.size());
      List<Envelope<?>> toApply = envelopes.stream().filter(e -> fresh.contains(e.eventId())).toList();
      return toApply.isEmpty() ? Future.succeededFuture() : safely(prepared.applier(), toApply, tx);
    });
  }

  /** The delivery's term or epoch is over: its effects must not land. */
  private static final class StaleDelivery extends RuntimeException {
    StaleDelivery(DeliveryHeaders sender) {
      super("stale delivery: term " + sender.term() + " of " + sender.lease() + " or epoch " + sender.epoch()
          + " is no longer current", null, false, false);
    }
  }

  // A handler that throws instead of returning a failed future must still fail the transaction.
  private static Future<Void> safely(Applier applier, List<Envelope<?>> envelopes, SqlConnection tx) {
    try {
      Future<Void> result = applier.apply(envelopes, tx);
      return result == null ? Future.failedFuture(new IllegalStateException("handler returned null")) : result;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
