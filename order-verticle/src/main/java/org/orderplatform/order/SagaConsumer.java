package org.orderplatform.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Event;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.order.application.AdvanceSaga;

import java.util.List;

/** Adapter: participants' replies arriving on the saga's group go to {@link AdvanceSaga}, a batch at a time. */
final class SagaConsumer implements EventHandler<Event> {

  private final AdvanceSaga saga;

  SagaConsumer(AdvanceSaga saga) {
    this.saga = saga;
  }

  @Override
  public Future<Void> handle(Envelope<? extends Event> envelope, SqlConnection tx) {
    return saga.onReplies(List.of(envelope), tx);
  }

  @Override
  public Future<Void> handleAll(List<Envelope<? extends Event>> envelopes, SqlConnection tx) {
    return saga.onReplies(envelopes, tx);
  }
}
