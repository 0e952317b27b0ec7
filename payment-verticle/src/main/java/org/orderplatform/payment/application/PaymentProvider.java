package org.orderplatform.payment.application;

import io.vertx.core.Future;
import org.orderplatform.events.Money;
import org.orderplatform.payment.domain.ProviderOutcome;
import org.orderplatform.payment.domain.RefundOutcome;

/**
 * The payment provider, as the use cases need it. Both calls are idempotent by key and never
 * fail: an unreachable provider is a {@code ProviderUnavailable} outcome.
 */
public interface PaymentProvider {

  Future<ProviderOutcome> charge(String key, Money amount, String token);

  Future<RefundOutcome> refund(String key, String chargeKey, Money amount);
}
