package org.orderplatform.payment.simulator.domain;

import java.time.Instant;

/** A charge as the ledger holds it: taken ({@code declineReason} null) or declined. */
public record LedgerCharge(String key, String chargeId, long amountMinor, String currency, String token,
                           String declineReason, Instant createdAt) {

  public boolean declined() {
    return declineReason != null;
  }
}
