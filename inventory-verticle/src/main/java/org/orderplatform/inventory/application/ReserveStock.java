package org.orderplatform.inventory.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.StockLine;
import org.orderplatform.inventory.domain.ReservationDecision;
import org.orderplatform.inventory.domain.Reservations;
import org.orderplatform.inventory.domain.StockLevel;
import org.orderplatform.inventory.persistence.InventoryRepository;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reserves placed orders' stock, all lines or none per order, in one transaction for the whole
 * batch: the rows of every SKU the batch touches are locked once, in SKU order (so concurrent
 * batches cannot deadlock), the orders are decided in turn against that stock, and the writes and
 * the {@code StockReserved}/{@code StockRejected} events go out in a handful of statements.
 */
public final class ReserveStock {

  private final InventoryRepository repository;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public ReserveStock(InventoryRepository repository, Clock clock, Supplier<UUID> ids) {
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
  }

  public Future<Void> reserve(List<Envelope<OrderEvent.OrderPlaced>> placed, SqlConnection tx) {
    if (placed.isEmpty()) {
      return Future.succeededFuture();
    }
    List<List<StockLine>> requests = placed.stream().map(e -> e.payload().lines().stream()
        .map(line -> new StockLine(line.sku(), line.quantity())).toList()).toList();
    // Both go out at once (the client pipelines them): the locks cover every order of the batch,
    // including one decided before, which is harmless and saves a round trip.
    Future<Set<UUID>> decided = repository.decided(tx, placed.stream().map(e -> e.payload().orderId()).toList());
    Future<Map<String, StockLevel>> levels = repository.lockStock(tx,
        Reservations.merge(requests.stream().flatMap(List::stream).toList()));
    return Future.all(decided, levels).compose(v -> {
      // Decided before (a replay re-delivers with the inbox forgotten): the answer stands as given.
      Map<UUID, Integer> fresh = new LinkedHashMap<>();
      for (int i = 0; i < placed.size(); i++) {
        UUID orderId = placed.get(i).payload().orderId();
        if (!decided.result().contains(orderId)) {
          fresh.putIfAbsent(orderId, i);
        }
      }
      return fresh.isEmpty() ? Future.succeededFuture()
          : decide(fresh.values().stream().map(placed::get).toList(),
              fresh.values().stream().map(requests::get).toList(), levels.result(), tx);
    });
  }

  private Future<Void> decide(List<Envelope<OrderEvent.OrderPlaced>> orders, List<List<StockLine>> requests,
                              Map<String, StockLevel> levels, SqlConnection tx) {
    List<ReservationDecision> decisions = Reservations.decideInTurn(requests, levels);
    Instant at = clock.instant();
    Map<UUID, Boolean> outcomes = new LinkedHashMap<>();
    Map<UUID, List<StockLine>> reserved = new LinkedHashMap<>();
    Map<String, Integer> totals = new TreeMap<>();
    List<Envelope<InventoryEvent>> events = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      Envelope<OrderEvent.OrderPlaced> order = orders.get(i);
      UUID orderId = order.payload().orderId();
      InventoryEvent answer;
      if (decisions.get(i) instanceof ReservationDecision.Reserve reserve) {
        reserved.put(orderId, reserve.lines());
        reserve.lines().forEach(line -> totals.merge(line.sku(), line.quantity(), Integer::sum));
        answer = new InventoryEvent.StockReserved(orderId, reserve.lines());
      } else {
        answer = new InventoryEvent.StockRejected(orderId, ((ReservationDecision.Reject) decisions.get(i)).rejectedLines());
      }
      outcomes.put(orderId, answer instanceof InventoryEvent.StockReserved);
      events.add(order.causing(answer, ids.get(), at));
    }
    List<StockLine> toReserve = totals.entrySet().stream().map(t -> new StockLine(t.getKey(), t.getValue())).toList();
    // Independent writes, sent together and pipelined; the first failure fails the transaction.
    return Future.all(toReserve.isEmpty() ? Future.succeededFuture() : repository.reserve(tx, toReserve),
            repository.recordReservations(tx, reserved), repository.recordDecisions(tx, outcomes),
            EventLog.append(tx, events))
        .mapEmpty();
  }
}
