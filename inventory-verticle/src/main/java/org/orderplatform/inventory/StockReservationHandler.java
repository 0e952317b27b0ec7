package org.orderplatform.inventory;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.inventory.application.ReserveStock;
import org.orderplatform.messaging.EventHandler;

import java.util.ArrayList;
import java.util.List;

/** Adapter: placed orders arriving on the inventory group go to {@link ReserveStock}, a batch at a time. */
final class StockReservationHandler implements EventHandler<OrderEvent> {

  private final ReserveStock reserveStock;

  StockReservationHandler(ReserveStock reserveStock) {
    this.reserveStock = reserveStock;
  }

  @Override
  public Future<Void> handle(Envelope<? extends OrderEvent> envelope, SqlConnection tx) {
    return handleAll(List.of(envelope), tx);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<Void> handleAll(List<Envelope<? extends OrderEvent>> envelopes, SqlConnection tx) {
    List<Envelope<OrderEvent.OrderPlaced>> placed = new ArrayList<>();
    for (Envelope<? extends OrderEvent> envelope : envelopes) {
      if (envelope.payload() instanceof OrderEvent.OrderPlaced) {
        placed.add((Envelope<OrderEvent.OrderPlaced>) envelope);
      }
    }
    return reserveStock.reserve(placed, tx);
  }
}
