package org.orderplatform.order.domain;

import org.orderplatform.events.Money;
import org.orderplatform.events.OrderCommand;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;
import org.orderplatform.events.RejectedLine;
import org.orderplatform.events.StockLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The order's decisions: pure functions from a command or an event and the state to new events. */
public final class Orders {

  private Orders() {
  }

  /** Prices the requested items from the catalogue; every SKU must be known and in one currency. */
  public static PlaceOrderDecision place(OrderCommand.PlaceOrder command, Map<String, Money> prices) {
    List<String> unknown = command.items().stream().map(StockLine::sku)
        .filter(sku -> !prices.containsKey(sku)).distinct().sorted().toList();
    if (!unknown.isEmpty()) {
      return new PlaceOrderDecision.UnknownProducts(unknown);
    }
    TreeSet<String> currencies = command.items().stream().map(item -> prices.get(item.sku()).currency())
        .collect(Collectors.toCollection(TreeSet::new));
    if (currencies.size() > 1) {
      return new PlaceOrderDecision.MixedCurrencies(List.copyOf(currencies));
    }
    List<OrderLine> lines = new ArrayList<>();
    Money total = Money.zero(currencies.first());
    for (StockLine item : command.items()) {
      Money unitPrice = prices.get(item.sku());
      lines.add(new OrderLine(item.sku(), item.quantity(), unitPrice));
      total = total.plus(unitPrice.times(item.quantity()));
    }
    return new PlaceOrderDecision.Accepted(new OrderEvent.OrderPlaced(command.orderId(), command.customerId(),
        lines, total, command.shippingAddress(), command.paymentToken()));
  }

  /** The order refused for want of stock, naming every short line. */
  static OrderEvent.OrderRejected rejection(OrderState state, List<RejectedLine> lines) {
    return new OrderEvent.OrderRejected(state.orderId(), describe(lines), lines);
  }

  private static String describe(List<RejectedLine> lines) {
    return "insufficient stock: " + lines.stream()
        .map(line -> line.sku() + " (requested " + line.requested() + ", available " + line.available() + ")")
        .collect(Collectors.joining(", "));
  }
}
