package org.orderplatform.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Requests to the order service. */
public sealed interface OrderCommand extends Command, AboutAnOrder {

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  /** Items are priced by the order service from its catalogue, not by the caller. Version 2: the payment token. */
  record PlaceOrder(UUID orderId, String customerId, List<StockLine> items, Address shippingAddress,
                    String paymentToken)
      implements OrderCommand {
    public PlaceOrder {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(customerId, "customerId");
      items = List.copyOf(Objects.requireNonNull(items, "items"));
      Objects.requireNonNull(shippingAddress, "shippingAddress");
      Objects.requireNonNull(paymentToken, "paymentToken");
    }
  }

  record CancelOrder(UUID orderId, String reason) implements OrderCommand {
    public CancelOrder {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
