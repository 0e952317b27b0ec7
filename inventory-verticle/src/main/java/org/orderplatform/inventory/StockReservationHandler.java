package org.orderplatform.inventory;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Event;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.inventory.application.ReleaseStock;
import org.orderplatform.inventory.application.ReserveStock;
import org.orderplatform.inventory.application.ShipStock;
import org.orderplatform.messaging.EventHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Adapter: the events arriving on the inventory group, a batch at a time: placed orders go to
 * {@link ReserveStock}, compensations to {@link ReleaseStock}, dispatched shipments to
 * {@link ShipStock}. Reservations run first: an order's release or dispatch always follows its
 * placement in the log, and they may share a batch. An order is either released (cancelled
 * before dispatch) or shipped (the delivery service refuses a cancellation after dispatch), never
 * both, so the order of those two does not matter; a dispatch after a release finds nothing left
 * to ship.
 */
final class StockReservationHandler implements EventHandler<Event> {

  private final ReserveStock reserveStock;
  private final ReleaseStock releaseStock;
  private final ShipStock shipStock;

  StockReservationHandler(ReserveStock reserveStock, ReleaseStock releaseStock, ShipStock shipStock) {
    this.reserveStock = reserveStock;
    this.releaseStock = releaseStock;
    this.shipStock = shipStock;
  }

  @Override
  public Future<Void> handle(Envelope<? extends Event> envelope, SqlConnection tx) {
    return handleAll(List.of(envelope), tx);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Future<Void> handleAll(List<Envelope<? extends Event>> envelopes, SqlConnection tx) {
    List<Envelope<OrderEvent.OrderPlaced>> placed = new ArrayList<>();
    List<Envelope<OrderEvent.StockReleaseRequested>> releases = new ArrayList<>();
    List<Envelope<DeliveryEvent.DeliveryDispatched>> dispatched = new ArrayList<>();
    for (Envelope<? extends Event> envelope : envelopes) {
      if (envelope.payload() instanceof OrderEvent.OrderPlaced) {
        placed.add((Envelope<OrderEvent.OrderPlaced>) envelope);
      } else if (envelope.payload() instanceof OrderEvent.StockReleaseRequested) {
        releases.add((Envelope<OrderEvent.StockReleaseRequested>) envelope);
      } else if (envelope.payload() instanceof DeliveryEvent.DeliveryDispatched) {
        dispatched.add((Envelope<DeliveryEvent.DeliveryDispatched>) envelope);
      }
    }
    return reserveStock.reserve(placed, tx)
        .compose(v -> releaseStock.release(releases, tx))
        .compose(v -> shipStock.ship(dispatched, tx));
  }
}
