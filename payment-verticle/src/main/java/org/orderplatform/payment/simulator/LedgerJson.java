package org.orderplatform.payment.simulator;

import io.vertx.core.json.JsonObject;
import org.orderplatform.payment.simulator.domain.LedgerCharge;
import org.orderplatform.payment.simulator.domain.LedgerRefund;

/** Ledger entries as the provider API and the audit show them. */
final class LedgerJson {

  private LedgerJson() {
  }

  static JsonObject charge(LedgerCharge charge) {
    return new JsonObject().put("id", charge.chargeId()).put("idempotencyKey", charge.key())
        .put("status", charge.declined() ? "declined" : "charged")
        .put("amount", amount(charge.amountMinor(), charge.currency())).put("token", charge.token())
        .put("declineReason", charge.declineReason()).put("createdAt", charge.createdAt().toString());
  }

  static JsonObject refund(LedgerRefund refund) {
    return new JsonObject().put("id", refund.refundId()).put("idempotencyKey", refund.key())
        .put("charge", refund.chargeKey()).put("amount", amount(refund.amountMinor(), refund.currency()))
        .put("createdAt", refund.createdAt().toString());
  }

  static JsonObject amount(long minor, String currency) {
    return new JsonObject().put("minor", minor).put("currency", currency);
  }
}
