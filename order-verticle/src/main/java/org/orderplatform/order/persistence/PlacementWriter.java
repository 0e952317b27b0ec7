package org.orderplatform.order.persistence;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.plumbing.batch.Batcher;

import java.util.Collections;

/**
 * Stores placed orders with their {@code OrderPlaced} events, group-committing concurrent
 * placements: while two transactions are committing, new placements wait, and the next
 * transaction takes all of them. Commits per order fall as the rate rises; every caller is
 * answered after its own commit, and a bad placement fails alone (see {@link Batcher}).
 */
public final class PlacementWriter {

  private record Placement(OrderState state, Envelope<OrderEvent> event) {
  }

  private final Batcher<Placement, Void> batcher;

  public PlacementWriter(Pool pool, OrderRepository repository) {
    // The two statements are independent: sent together, they share one round trip.
    this.batcher = new Batcher<>(2, 256, placements -> pool.withTransaction(tx -> Future.all(
            repository.insertAll(tx, placements.stream().map(Placement::state).toList()),
            EventLog.append(tx, placements.stream().map(Placement::event).toList())))
        .map(v -> Collections.nCopies(placements.size(), (Void) null)), PlacementWriter::oneRowsFault);
  }

  // Data exceptions (22) and constraint violations (23), a duplicate order id say, belong to one
  // placement; anything else (a lost connection, a timeout) would fail every half as well.
  private static boolean oneRowsFault(Throwable error) {
    return error instanceof PgException pg && pg.getSqlState() != null
        && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
  }

  public Future<Void> store(OrderState state, Envelope<OrderEvent> event) {
    return batcher.submit(new Placement(state, event));
  }
}
