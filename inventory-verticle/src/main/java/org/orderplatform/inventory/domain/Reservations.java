package org.orderplatform.inventory.domain;

import org.orderplatform.events.RejectedLine;
import org.orderplatform.events.StockLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** All-or-nothing reservation of an order's lines against current stock levels. */
public final class Reservations {

  private Reservations() {
  }

  /**
   * @param requested the order's lines; a SKU may appear more than once
   * @param levels    current stock of the SKUs that exist (unknown SKUs are absent)
   */
  public static ReservationDecision decide(List<StockLine> requested, Map<String, StockLevel> levels) {
    List<StockLine> merged = merge(requested);
    List<RejectedLine> rejected = new ArrayList<>();
    for (StockLine line : merged) {
      StockLevel level = levels.get(line.sku());
      int available = level == null ? 0 : level.available();
      if (line.quantity() > available) {
        rejected.add(new RejectedLine(line.sku(), line.quantity(), available));
      }
    }
    return rejected.isEmpty() ? new ReservationDecision.Reserve(merged) : new ReservationDecision.Reject(rejected);
  }

  /**
   * Decides several orders in turn against the same stock: each reservation lowers what the next
   * one can have, as if they had been decided one after another.
   *
   * @param requests each order's lines, in the order they are to be decided
   * @param levels   current stock of the SKUs that exist
   * @return one decision per request, in the same order
   */
  public static List<ReservationDecision> decideInTurn(List<List<StockLine>> requests, Map<String, StockLevel> levels) {
    Map<String, StockLevel> current = new HashMap<>(levels);
    List<ReservationDecision> decisions = new ArrayList<>(requests.size());
    for (List<StockLine> request : requests) {
      ReservationDecision decision = decide(request, current);
      if (decision instanceof ReservationDecision.Reserve reserve) {
        reserve.lines().forEach(line -> current.computeIfPresent(line.sku(),
            (sku, level) -> new StockLevel(sku, level.onHand(), level.reserved() + line.quantity())));
      }
      decisions.add(decision);
    }
    return decisions;
  }

  /** One line per SKU, in SKU order, which is also the order rows are locked in. */
  public static List<StockLine> merge(List<StockLine> lines) {
    Map<String, Integer> bySku = new TreeMap<>();
    lines.forEach(line -> bySku.merge(line.sku(), line.quantity(), Math::addExact));
    List<StockLine> merged = new ArrayList<>();
    bySku.forEach((sku, quantity) -> merged.add(new StockLine(sku, quantity)));
    return merged;
  }
}
