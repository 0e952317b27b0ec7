package org.orderplatform.payment.simulator.domain;

/**
 * Whether a refund may be taken: one refund per charge, of a charge that was taken, of at most
 * its amount in its currency. A refund asked again with its own key gets the refund it got.
 */
public sealed interface RefundDecision {

  record Take() implements RefundDecision {
  }

  record Replay(LedgerRefund refund) implements RefundDecision {
  }

  record ChargeNotFound() implements RefundDecision {
  }

  /** The charge was declined, or already refunded under another key: there is nothing left to refund. */
  record NothingToRefund(String reason) implements RefundDecision {
  }

  record Invalid(String reason) implements RefundDecision {
  }

  /**
   * @param charge  the charge the refund refers to, or null when the ledger has none
   * @param earlier the charge's refund so far, or null
   */
  static RefundDecision decide(String key, LedgerCharge charge, LedgerRefund earlier, long amountMinor,
                               String currency) {
    if (earlier != null && earlier.key().equals(key)) {
      return new Replay(earlier);
    }
    if (charge == null) {
      return new ChargeNotFound();
    }
    if (charge.declined()) {
      return new NothingToRefund("the charge was declined: " + charge.declineReason());
    }
    if (earlier != null) {
      return new NothingToRefund("the charge was refunded already, by " + earlier.refundId());
    }
    if (!charge.currency().equals(currency)) {
      return new Invalid("the charge is in " + charge.currency() + ", not " + currency);
    }
    if (amountMinor < 1 || amountMinor > charge.amountMinor()) {
      return new Invalid("a refund is from 1 to " + charge.amountMinor() + " minor units");
    }
    return new Take();
  }
}
