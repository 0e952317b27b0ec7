package org.orderplatform.messaging;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Message;

import java.util.List;

/**
 * Applies messages' effects inside the caller's transaction. The inbox rows that make the handling
 * effectively-once are written in the same transaction, so a handler never checks for duplicates
 * itself; it must only do all its writes through {@code tx}.
 */
@FunctionalInterface
public interface EventHandler<E extends Message> {

  Future<Void> handle(Envelope<? extends E> envelope, SqlConnection tx);

  /**
   * Applies a batch, in order, in one transaction: the events of one aggregate appear in log order.
   * Override to do the batch's work in fewer statements (and to take row locks in one global order,
   * so concurrent batches cannot deadlock); by default each event is handled in turn.
   */
  default Future<Void> handleAll(List<Envelope<? extends E>> envelopes, SqlConnection tx) {
    Future<Void> chain = Future.succeededFuture();
    for (Envelope<? extends E> envelope : envelopes) {
      chain = chain.compose(v -> handle(envelope, tx));
    }
    return chain;
  }

  /**
   * Runs before the transaction opens, with no connection held: the place for a call out (an HTTP
   * provider) whose outcome the returned handler records inside the transaction, with the inbox
   * rows. An open transaction would hold PostgreSQL's xmin, and with it the log's sequencer, for as
   * long as the call takes.
   *
   * <p>It gets only the events not already in the inbox, but it may still run more than once for
   * one event (a redelivery after a lost acknowledgement, two deliveries at once), so the call must
   * be idempotent. The returned handler gets the events of {@code envelopes} that the transaction
   * claims, possibly fewer. A failed future fails the delivery, as a failed {@link #handle} does.
   * By default it calls nothing and returns this handler.
   */
  default Future<EventHandler<E>> beforeTransaction(List<Envelope<? extends E>> envelopes) {
    return Future.succeededFuture(this);
  }
}
