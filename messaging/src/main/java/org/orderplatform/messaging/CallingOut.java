package org.orderplatform.messaging;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Message;

import java.util.List;
import java.util.function.Function;

/**
 * A handler that calls out (a payment provider, an SMTP server) before its transaction, with no
 * connection held, then records what came of the calls in the inbox's transaction: the shape
 * {@link EventHandler#beforeTransaction} asks for, in one place.
 *
 * @param <E> the messages it takes
 * @param <R> what the calls came to, which knows how to record itself
 */
public final class CallingOut<E extends Message, R extends CallingOut.Outcome<E>> implements EventHandler<E> {

  /** What the calls for a batch came to, recorded with the batch's inbox rows. */
  public interface Outcome<E extends Message> {
    Future<Void> record(List<Envelope<? extends E>> envelopes, SqlConnection tx);
  }

  private final Function<List<Envelope<? extends E>>, Future<R>> call;

  public CallingOut(Function<List<Envelope<? extends E>>, Future<R>> call) {
    this.call = call;
  }

  @Override
  public Future<EventHandler<E>> beforeTransaction(List<Envelope<? extends E>> envelopes) {
    return call.apply(envelopes).map(Recorder::new);
  }

  // Only the handler beforeTransaction returns runs in the transaction.
  @Override
  public Future<Void> handle(Envelope<? extends E> envelope, SqlConnection tx) {
    return Future.failedFuture(new IllegalStateException("this handler calls out before its transaction"));
  }

  private record Recorder<E extends Message>(Outcome<E> outcome) implements EventHandler<E> {

    @Override
    public Future<Void> handle(Envelope<? extends E> envelope, SqlConnection tx) {
      return handleAll(List.of(envelope), tx);
    }

    @Override
    public Future<Void> handleAll(List<Envelope<? extends E>> envelopes, SqlConnection tx) {
      return outcome.record(envelopes, tx);
    }
  }
}
