package org.orderplatform.messaging;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Message;

/**
 * Applies one message's effects inside the caller's transaction. The inbox row that makes the
 * handling effectively-once is written in the same transaction, so a handler never checks for
 * duplicates itself; it must only do all its writes through {@code tx}.
 */
@FunctionalInterface
public interface EventHandler<E extends Message> {

  Future<Void> handle(Envelope<? extends E> envelope, SqlConnection tx);
}
