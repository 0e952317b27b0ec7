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
import org.orderplatform.messaging.FailureCode;
import org.orderplatform.messaging.Subscription;
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
 */
public final class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private final Pool pool;
  private final Subscription<?> subscription;
  private final LongAdder handled = new LongAdder();
  private final LongAdder duplicates = new LongAdder();

  public Inbox(Pool pool, Subscription<?> subscription) {
    this.pool = pool;
    this.subscription = subscription;
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
    pool.withTransaction(tx -> handle(envelopes, sender, tx))
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

  private Future<Void> handle(List<Envelope<?>> envelopes, DeliveryHeaders sender, SqlConnection tx) {
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
      duplicates.add(envelopes.size() - fresh.size());
      handled.add(fresh.size());
      List<Envelope<?>> toApply = envelopes.stream().filter(e -> fresh.contains(e.eventId())).toList();
      return toApply.isEmpty() ? Future.succeededFuture() : safely(toApply, tx);
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
  private Future<Void> safely(List<Envelope<?>> envelopes, SqlConnection tx) {
    try {
      Future<Void> result = subscription.handleAll(envelopes, tx);
      return result == null ? Future.failedFuture(new IllegalStateException("handler returned null")) : result;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
