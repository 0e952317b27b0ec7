package org.orderplatform.payment.domain;

import org.orderplatform.events.Money;

import java.util.UUID;

/** An order's refund, as answered: amount 0 when there was nothing to refund. */
public record Refund(UUID paymentId, Money amount, String providerReference, String reason) {
}
