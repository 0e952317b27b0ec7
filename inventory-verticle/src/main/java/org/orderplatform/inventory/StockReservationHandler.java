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
  public Future<Void> handleAll(List<Envelope<? extends Event>> envelopes, SqlConnection tx) {
    return reserveStock.reserve(Envelope.ofType(envelopes, OrderEvent.OrderPlaced.class), tx)
        .compose(v -> releaseStock.release(Envelope.ofType(envelopes, OrderEvent.StockReleaseRequested.class), tx))
        .compose(v -> shipStock.ship(Envelope.ofType(envelopes, DeliveryEvent.DeliveryDispatched.class), tx));
  }
}
