package org.orderplatform.events;

import java.util.Objects;
import java.util.UUID;

/** Requests to the payment service; the order id is the provider's idempotency key. */
public sealed interface PaymentCommand extends Command, AboutAnOrder {

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  record AuthorizePayment(UUID orderId, UUID paymentId, String customerId, Money amount) implements PaymentCommand {
    public AuthorizePayment {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(amount, "amount");
    }
  }

  record RefundPayment(UUID orderId, UUID paymentId, Money amount, String reason) implements PaymentCommand {
    public RefundPayment {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
