package org.orderplatform.payment.domain;

import org.orderplatform.events.Money;

/**
 * What the provider made of a refund. {@link Settled} outcomes are answered; the others leave the
 * refund to be done, so the request is retried and, at last, dead-lettered for an operator.
 */
public sealed interface RefundOutcome permits RefundOutcome.Settled, RefundOutcome.Rejected, ProviderUnavailable {

  sealed interface Settled extends RefundOutcome permits Refunded, NotCharged {
  }

  record Refunded(String reference, Money amount) implements Settled {
  }

  /** The provider holds no charge to refund (never taken, or declined). */
  record NotCharged(String reason) implements Settled {
  }

  /** The provider refused the request itself: a fault of ours an operator must look at. */
  record Rejected(String reason) implements RefundOutcome {
  }
}
