package org.orderplatform.inventory;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.inventory.application.ReleaseStock;
import org.orderplatform.inventory.application.ReserveStock;
import org.orderplatform.messaging.EventHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Adapter: the orders' requests arriving on the inventory group, a batch at a time: placed orders
 * go to {@link ReserveStock}, compensations to {@link ReleaseStock}. Reservations run first: an
 * order's release always follows its placement in the log, and both may share a batch.
 */
final class StockReservationHandler implements EventHandler<OrderEvent> {

  private final ReserveStock reserveStock;
  private final ReleaseStock releaseStock;

  StockReservationHandler(ReserveStock reserveStock, ReleaseStock releaseStock) {
    this.reserveStock = reserveStock;
    this.releaseStock = releaseStock;
  }

  @Override
  public Future<Void> handle(Envelope<? extends OrderEvent> envelope, SqlConnection tx) {
    return handleAll(List.of(envelope), tx);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<Void> handleAll(List<Envelope<? extends OrderEvent>> envelopes, SqlConnection tx) {
    List<Envelope<OrderEvent.OrderPlaced>> placed = new ArrayList<>();
    List<Envelope<OrderEvent.StockReleaseRequested>> releases = new ArrayList<>();
    for (Envelope<? extends OrderEvent> envelope : envelopes) {
      if (envelope.payload() instanceof OrderEvent.OrderPlaced) {
        placed.add((Envelope<OrderEvent.OrderPlaced>) envelope);
      } else if (envelope.payload() instanceof OrderEvent.StockReleaseRequested) {
        releases.add((Envelope<OrderEvent.StockReleaseRequested>) envelope);
      }
    }
    return reserveStock.reserve(placed, tx).compose(v -> releaseStock.release(releases, tx));
  }
}
