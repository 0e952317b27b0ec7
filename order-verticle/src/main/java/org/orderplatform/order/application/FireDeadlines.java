package org.orderplatform.order.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.orderplatform.order.domain.Deadline;
import org.orderplatform.order.domain.OrderSaga;
import org.orderplatform.order.persistence.Deadlines;
import org.orderplatform.order.persistence.OrderStreams;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Fires the saga's deadlines that are due: in one transaction, claims them (a crash before the
 * commit leaves them due), loads their orders, lets {@link OrderSaga} decide and writes. A deadline
 * whose order moved on decides nothing. A reply that moves the same order on at the same moment
 * makes one of the two appends fail on the stream's version; the loser decides again on the newer
 * state (a failed scan leaves its deadlines due for the next one).
 */
public final class FireDeadlines {

  private final Pool pool;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final OrderMeters meters;

  public FireDeadlines(Pool pool, Clock clock, Supplier<UUID> ids, OrderMeters meters) {
    this.pool = pool;
    this.clock = clock;
    this.ids = ids;
    this.meters = meters;
  }

  /** Fires up to {@code limit} due deadlines; answers how many were due. */
  public Future<Integer> fireDue(int limit) {
    Instant now = clock.instant();
    return pool.withTransaction(tx -> Deadlines.claimDue(tx, now, limit).compose(due -> due.isEmpty()
        ? Future.succeededFuture(0)
        : OrderStreams.load(tx, due.stream().map(Deadline::orderId).distinct().toList()).compose(orders -> {
          SagaWrites writes = new SagaWrites(orders, now, ids, meters);
          for (Deadline deadline : due) {
            if (writes.order(deadline.orderId()) != null) {
              writes.record(deadline.orderId(), OrderSaga.onDeadline(writes.order(deadline.orderId()), deadline.kind()),
                  null);
            }
          }
          return writes.write(tx).map(due.size());
        })));
  }
}
