package org.orderplatform.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.order.domain.Orders;
import org.orderplatform.order.persistence.OrderRepository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Moves an order on when the inventory answers: reserved, or rejected with the short lines. */
final class InventoryReplyHandler implements EventHandler<InventoryEvent> {

  private final OrderRepository repository;
  private final Clock clock;
  private final Supplier<UUID> ids;

  InventoryReplyHandler(OrderRepository repository, Clock clock, Supplier<UUID> ids) {
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
  }

  /** Reserved orders move on in one statement; rejections, rare, one by one. */
  @Override
  public Future<Void> handleAll(List<Envelope<? extends InventoryEvent>> envelopes, SqlConnection tx) {
    List<UUID> reserved = new ArrayList<>();
    List<Envelope<? extends InventoryEvent>> others = new ArrayList<>();
    for (Envelope<? extends InventoryEvent> envelope : envelopes) {
      if (envelope.payload() instanceof InventoryEvent.StockReserved stock) {
        reserved.add(stock.orderId());
      } else {
        others.add(envelope);
      }
    }
    Future<Void> chain = reserved.isEmpty() ? Future.succeededFuture()
        : repository.markReserved(tx, reserved, clock.instant());
    for (Envelope<? extends InventoryEvent> envelope : others) {
      chain = chain.compose(v -> handle(envelope, tx));
    }
    return chain;
  }

  @Override
  public Future<Void> handle(Envelope<? extends InventoryEvent> envelope, SqlConnection tx) {
    UUID orderId = orderOf(envelope.payload());
    if (orderId == null) {
      return Future.succeededFuture();
    }
    return repository.lock(tx, orderId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("no order " + orderId + " for " + envelope.type()));
      }
      OrderState state = found.get();
      var at = clock.instant();
      if (envelope.payload() instanceof InventoryEvent.StockReserved) {
        return state.status() == org.orderplatform.order.domain.OrderStatus.PLACED
            ? repository.update(tx, state.reserved(at), state.version())
            : Future.succeededFuture();
      }
      return Orders.onInventory(state, envelope.payload())
          .map(event -> repository.update(tx, state.apply(event, at), state.version())
              .compose(v -> EventLog.append(tx, envelope.causing(event, ids.get(), at))))
          .orElse(Future.succeededFuture());
    });
  }

  private static UUID orderOf(InventoryEvent event) {
    if (event instanceof InventoryEvent.StockReserved reserved) {
      return reserved.orderId();
    }
    if (event instanceof InventoryEvent.StockRejected rejected) {
      return rejected.orderId();
    }
    return null;
  }
}
