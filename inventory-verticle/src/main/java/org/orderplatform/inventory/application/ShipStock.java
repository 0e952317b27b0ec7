package org.orderplatform.inventory.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.StockLine;
import org.orderplatform.inventory.domain.Reservations;
import org.orderplatform.inventory.persistence.InventoryRepository;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The delivery service dispatched an order's shipment: its reservation becomes shipped stock, in
 * one transaction for the batch. On hand and reserved both drop by the order's lines (available is
 * unchanged), the reservation rows become {@code shipped}, and {@code StockShipped} says which
 * lines left. The products' rows are locked in SKU order first, as {@link ReserveStock} and
 * {@link ReleaseStock} lock them, so the three cannot deadlock.
 *
 * <p>Idempotent: only rows still {@code reserved} ship, so a second dispatch of an order (or a
 * replay) finds nothing to ship and announces nothing. Nobody waits for {@code StockShipped}, so an
 * empty one would only be noise.
 */
public final class ShipStock {

  private final InventoryRepository repository;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public ShipStock(InventoryRepository repository, Clock clock, Supplier<UUID> ids) {
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
  }

  public Future<Void> ship(List<Envelope<DeliveryEvent.DeliveryDispatched>> dispatched, SqlConnection tx) {
    if (dispatched.isEmpty()) {
      return Future.succeededFuture();
    }
    List<UUID> orderIds = dispatched.stream().map(d -> d.payload().orderId()).distinct().toList();
    return repository.held(tx, orderIds)
        .compose(held -> held.isEmpty() ? Future.succeededFuture()
            : repository.lockStock(tx, Reservations.merge(held.values().stream().flatMap(List::stream).toList())))
        .compose(locked -> repository.markShipped(tx, orderIds))
        .compose(shipped -> {
          List<StockLine> totals = Reservations.merge(shipped.values().stream().flatMap(List::stream).toList());
          Instant at = clock.instant();
          List<Envelope<InventoryEvent>> answers = new ArrayList<>();
          for (Envelope<DeliveryEvent.DeliveryDispatched> dispatch : dispatched) {
            UUID orderId = dispatch.payload().orderId();
            // A second dispatch of the same order in this batch finds its lines already shipped.
            List<StockLine> lines = shipped.remove(orderId);
            if (lines != null) {
              answers.add(dispatch.causing(new InventoryEvent.StockShipped(orderId, Reservations.merge(lines)),
                  ids.get(), at));
            }
          }
          return Future.all(totals.isEmpty() ? Future.succeededFuture() : repository.ship(tx, totals),
              answers.isEmpty() ? Future.succeededFuture() : EventLog.append(tx, answers)).mapEmpty();
        });
  }
}
