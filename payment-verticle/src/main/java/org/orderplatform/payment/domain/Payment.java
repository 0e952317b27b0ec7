package org.orderplatform.payment.domain;

import org.orderplatform.events.Money;

import java.util.UUID;

/** An order's charge as the service knows it; {@code providerReference} once authorised, {@code reason} once declined or unavailable. */
public record Payment(UUID paymentId, Money amount, String token, PaymentStatus status, String providerReference,
                      String reason) {

  Payment with(PaymentStatus newStatus, String reference, String why) {
    return new Payment(paymentId, amount, token, newStatus, reference, why);
  }
}
