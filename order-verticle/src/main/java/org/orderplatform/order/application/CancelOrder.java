package org.orderplatform.order.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.orderplatform.messaging.log.EventStreams;
import org.orderplatform.order.domain.Cancellation;
import org.orderplatform.order.domain.OrderSaga;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.order.persistence.OrderStreams;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A customer cancels an order: in one transaction, load its stream, let {@link OrderSaga#cancel}
 * decide, append the compensations and drop its timers. When a reply of a participant moved the
 * order on meanwhile, the append fails on the stream's version and the use case decides again on
 * the newer state (a few times at most).
 */
public final class CancelOrder {

  private static final int ATTEMPTS = 5;

  /** How a cancellation ended, with the order as it is after it. */
  public sealed interface Outcome {
    record Cancelling(OrderState order) implements Outcome {
    }

    record AlreadyCancelled(OrderState order) implements Outcome {
    }

    record TooLate(OrderState order) implements Outcome {
    }

    record NoSuchOrder() implements Outcome {
    }
  }

  private final Pool pool;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final OrderMeters meters;

  public CancelOrder(Pool pool, Clock clock, Supplier<UUID> ids, OrderMeters meters) {
    this.pool = pool;
    this.clock = clock;
    this.ids = ids;
    this.meters = meters;
  }

  public Future<Outcome> cancel(UUID orderId, String reason) {
    return attempt(orderId, reason, 1);
  }

  private Future<Outcome> attempt(UUID orderId, String reason, int attempt) {
    return pool.withTransaction(tx -> OrderStreams.load(tx, List.of(orderId)).compose(orders -> {
      Optional<OrderState> found = Optional.ofNullable(orders.get(orderId));
      if (found.isEmpty()) {
        return Future.succeededFuture((Outcome) new Outcome.NoSuchOrder());
      }
      OrderState order = found.get();
      Cancellation decision = OrderSaga.cancel(order, reason);
      if (decision instanceof Cancellation.AlreadyCancelled) {
        return Future.succeededFuture((Outcome) new Outcome.AlreadyCancelled(order));
      }
      if (decision instanceof Cancellation.NotCancellable) {
        return Future.succeededFuture((Outcome) new Outcome.TooLate(order));
      }
      Instant now = clock.instant();
      SagaWrites writes = new SagaWrites(new HashMap<>(Map.of(orderId, order)), now, ids, meters);
      writes.record(orderId, ((Cancellation.Accepted) decision).reaction(), null);
      return writes.write(tx).map(v -> (Outcome) new Outcome.Cancelling(writes.order(orderId)));
    })).recover(error -> error instanceof EventStreams.ConcurrentAppend && attempt < ATTEMPTS
        ? attempt(orderId, reason, attempt + 1) : Future.failedFuture(error));
  }
}
