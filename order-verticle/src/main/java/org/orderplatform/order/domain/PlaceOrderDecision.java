package org.orderplatform.order.domain;

import org.orderplatform.events.OrderEvent;

import java.util.List;

/** The outcome of asking to place an order: the event to record, or why not. */
public sealed interface PlaceOrderDecision {

  record Accepted(OrderEvent.OrderPlaced placed) implements PlaceOrderDecision {
  }

  record UnknownProducts(List<String> skus) implements PlaceOrderDecision {
    public UnknownProducts {
      skus = List.copyOf(skus);
    }
  }

  record MixedCurrencies(List<String> currencies) implements PlaceOrderDecision {
    public MixedCurrencies {
      currencies = List.copyOf(currencies);
    }
  }
}
