package org.orderplatform.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Event;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.notification.application.NotifyCustomers;
import org.orderplatform.notification.application.Recording;

import java.util.List;

/**
 * Adapter: one channel's group hands the events to {@link NotifyCustomers} before the inbox's
 * transaction opens (no connection is held while a mail or a POST goes out); the handler it
 * returns records the outcomes in that transaction.
 */
final class NotifyingHandler implements EventHandler<Event> {

  private final NotifyCustomers notify;

  NotifyingHandler(NotifyCustomers notify) {
    this.notify = notify;
  }

  @Override
  public Future<EventHandler<Event>> beforeTransaction(List<Envelope<? extends Event>> envelopes) {
    return notify.send(envelopes).map(Recorder::new);
  }

  // Only the handler beforeTransaction returns runs in the transaction.
  @Override
  public Future<Void> handle(Envelope<? extends Event> envelope, SqlConnection tx) {
    return Future.failedFuture(new IllegalStateException("notifications are sent before the transaction"));
  }

  private record Recorder(Recording recording) implements EventHandler<Event> {

    @Override
    public Future<Void> handle(Envelope<? extends Event> envelope, SqlConnection tx) {
      return handleAll(List.of(envelope), tx);
    }

    @Override
    public Future<Void> handleAll(List<Envelope<? extends Event>> envelopes, SqlConnection tx) {
      return recording.record(envelopes, tx);
    }
  }
}
