package org.orderplatform.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Requests to the delivery service. */
public sealed interface DeliveryCommand extends Command, AboutAnOrder {

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  record ScheduleDelivery(UUID orderId, UUID deliveryId, Address address, List<StockLine> lines)
      implements DeliveryCommand {
    public ScheduleDelivery {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(deliveryId, "deliveryId");
      Objects.requireNonNull(address, "address");
      lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }
  }

  record CancelDelivery(UUID orderId, String reason) implements DeliveryCommand {
    public CancelDelivery {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
