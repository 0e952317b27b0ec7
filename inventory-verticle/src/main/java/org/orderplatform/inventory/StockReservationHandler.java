package org.orderplatform.inventory;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;
import org.orderplatform.events.StockLine;
import org.orderplatform.inventory.domain.ReservationDecision;
import org.orderplatform.inventory.domain.Reservations;
import org.orderplatform.inventory.persistence.InventoryRepository;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Reserves an order's stock, all lines or none, when the order is placed. */
final class StockReservationHandler implements EventHandler<OrderEvent> {

  private final InventoryRepository repository;
  private final Clock clock;
  private final Supplier<UUID> ids;

  StockReservationHandler(InventoryRepository repository, Clock clock, Supplier<UUID> ids) {
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Future<Void> handle(Envelope<? extends OrderEvent> envelope, SqlConnection tx) {
    if (!(envelope.payload() instanceof OrderEvent.OrderPlaced placed)) {
      return Future.succeededFuture();
    }
    // Decided before (a replay re-delivers with the inbox forgotten): the answer stands as given.
    return repository.decided(tx, placed.orderId())
        .compose(decided -> decided ? Future.succeededFuture() : decide(envelope, placed, tx));
  }

  private Future<Void> decide(Envelope<? extends OrderEvent> envelope, OrderEvent.OrderPlaced placed, SqlConnection tx) {
    List<StockLine> requested = Reservations.merge(placed.lines().stream()
        .map(line -> new StockLine(line.sku(), line.quantity()))
        .toList());
    return repository.lockStock(tx, requested)
        .map(levels -> Reservations.decide(requested, levels))
        .compose(decision -> {
          if (decision instanceof ReservationDecision.Reserve reserve) {
            return repository.reserve(tx, placed.orderId(), reserve.lines())
                .compose(v -> repository.recordDecision(tx, placed.orderId(), true))
                .compose(v -> EventLog.append(tx, envelope.causing(
                    new InventoryEvent.StockReserved(placed.orderId(), reserve.lines()), ids.get(), clock.instant())));
          }
          ReservationDecision.Reject reject = (ReservationDecision.Reject) decision;
          return repository.recordDecision(tx, placed.orderId(), false).compose(v -> EventLog.append(tx, envelope.causing(
              new InventoryEvent.StockRejected(placed.orderId(), reject.rejectedLines()), ids.get(), clock.instant())));
        });
  }
}
