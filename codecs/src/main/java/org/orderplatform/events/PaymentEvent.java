package org.orderplatform.events;

import java.util.Objects;
import java.util.UUID;

/** Outcomes of charging and refunding an order's payment at the provider. */
public sealed interface PaymentEvent extends Event, AboutAnOrder {

  @Override
  default String aggregateId() {
    return orderId().toString();
  }

  record PaymentAuthorized(UUID orderId, UUID paymentId, Money amount, String providerReference)
      implements PaymentEvent {
    public PaymentAuthorized {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(providerReference, "providerReference");
    }
  }

  record PaymentDeclined(UUID orderId, UUID paymentId, String reason) implements PaymentEvent {
    public PaymentDeclined {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The provider could not be reached (circuit open, timeouts): a typed outcome, not an exception. */
  record PaymentUnavailable(UUID orderId, UUID paymentId, String reason) implements PaymentEvent {
    public PaymentUnavailable {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(reason, "reason");
    }
  }

  record PaymentRefunded(UUID orderId, UUID paymentId, Money amount) implements PaymentEvent {
    public PaymentRefunded {
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(amount, "amount");
    }
  }
}
