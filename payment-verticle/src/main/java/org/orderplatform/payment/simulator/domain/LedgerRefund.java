package org.orderplatform.payment.simulator.domain;

import java.time.Instant;

public record LedgerRefund(String key, String refundId, String chargeKey, long amountMinor, String currency,
                           Instant createdAt) {
}
