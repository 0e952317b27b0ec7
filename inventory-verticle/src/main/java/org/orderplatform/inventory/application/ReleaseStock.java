package org.orderplatform.inventory.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.OrderEvent;
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
 * The saga's compensation: gives back whatever each order holds, in one transaction for the batch,
 * and answers {@code StockReleased} with the lines given back: none for an order that held nothing
 * (rejected, or released before), so the saga always hears back. The products' rows are locked in
 * SKU order first, as {@link ReserveStock} locks them, so the two cannot deadlock.
 */
public final class ReleaseStock {

  private final InventoryRepository repository;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public ReleaseStock(InventoryRepository repository, Clock clock, Supplier<UUID> ids) {
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
  }

  public Future<Void> release(List<Envelope<OrderEvent.StockReleaseRequested>> requests, SqlConnection tx) {
    if (requests.isEmpty()) {
      return Future.succeededFuture();
    }
    List<UUID> orderIds = requests.stream().map(r -> r.payload().orderId()).distinct().toList();
    return repository.held(tx, orderIds)
        .compose(held -> held.isEmpty() ? Future.succeededFuture()
            : repository.lockStock(tx, Reservations.merge(held.values().stream().flatMap(List::stream).toList())))
        .compose(locked -> repository.markReleased(tx, orderIds))
        .compose(released -> {
          List<StockLine> totals = Reservations.merge(released.values().stream().flatMap(List::stream).toList());
          Instant at = clock.instant();
          List<Envelope<InventoryEvent>> answers = new ArrayList<>();
          for (Envelope<OrderEvent.StockReleaseRequested> request : requests) {
            OrderEvent.StockReleaseRequested asked = request.payload();
            // A second request for the same order in this batch finds its lines already given back.
            List<StockLine> lines = released.remove(asked.orderId());
            answers.add(request.causing(new InventoryEvent.StockReleased(asked.orderId(),
                lines == null ? List.of() : lines, asked.reason()), ids.get(), at));
          }
          return Future.all(totals.isEmpty() ? Future.succeededFuture() : repository.unreserve(tx, totals),
              EventLog.append(tx, answers)).mapEmpty();
        });
  }
}
