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
    Future<Void> work;
    if (body instanceof Envelope<?> envelope) {
      work = unexpected(List.of(envelope)) ? null : pool.withTransaction(tx -> handleOne(envelope, tx));
    } else if (body instanceof EnvelopeBatch batch) {
      work = unexpected(batch.envelopes()) ? null : pool.withTransaction(tx -> handleBatch(batch.envelopes(), tx));
    } else if (body instanceof UndecodableEnvelope undecodable) {
      message.fail(FailureCode.UNDECODABLE.code(), "undecodable " + undecodable.type() + " v" + undecodable.version()
          + ": " + undecodable.reason());
      return;
    } else {
      message.fail(FailureCode.UNDECODABLE.code(), "not an envelope: " + (body == null ? "null" : body.getClass().getName()));
      return;
    }
    if (work == null) {
      message.fail(FailureCode.UNEXPECTED_TYPE.code(), "group " + subscription.group() + " does not take this type");
      return;
    }
    work.onSuccess(v -> message.reply(null)).onFailure(error -> {
      log.debug("[{}] handler failed: {}", subscription.group(), error.toString());
      message.fail(FailureCode.HANDLER_FAILED.code(), FailureCode.detail(error));
    });
  }

  private boolean unexpected(List<? extends Envelope<?>> envelopes) {
    return envelopes.stream().anyMatch(e -> !subscription.accepts(e.payload()));
  }

  private Future<Void> handleOne(Envelope<?> envelope, SqlConnection tx) {
    return tx.preparedQuery(InboxSql.CLAIM).execute(Tuple.of(subscription.group(), envelope.eventId()))
        .compose(claimed -> {
          if (claimed.rowCount() == 0) {
            duplicates.increment();
            return Future.succeededFuture();
          }
          handled.increment();
          return safely(envelope, tx);
        });
  }

  private Future<Void> handleBatch(List<Envelope<?>> envelopes, SqlConnection tx) {
    UUID[] ids = envelopes.stream().map(Envelope::eventId).toArray(UUID[]::new);
    return tx.preparedQuery(InboxSql.CLAIM_MANY).execute(Tuple.of(subscription.group(), (Object) ids))
        .compose(claimed -> {
          Set<UUID> fresh = new HashSet<>();
          claimed.forEach(row -> fresh.add(row.getUUID("event_id")));
          duplicates.add(envelopes.size() - fresh.size());
          handled.add(fresh.size());
          Future<Void> chain = Future.succeededFuture();
          for (Envelope<?> envelope : envelopes) {
            if (fresh.contains(envelope.eventId())) {
              chain = chain.compose(v -> safely(envelope, tx));
            }
          }
          return chain;
        });
  }

  // A handler that throws instead of returning a failed future must still fail the transaction.
  private Future<Void> safely(Envelope<?> envelope, SqlConnection tx) {
    try {
      Future<Void> result = subscription.handlerFor(envelope, tx);
      return result == null ? Future.failedFuture(new IllegalStateException("handler returned null")) : result;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
