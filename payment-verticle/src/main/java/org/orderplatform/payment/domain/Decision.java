package org.orderplatform.payment.domain;

import org.orderplatform.events.Money;

/** What a request needs: a call to the provider, or an answer that needs none. */
public sealed interface Decision {

  record Charge(String key, Money amount, String token) implements Decision {
  }

  record RefundCharge(String key, String chargeKey, Money amount) implements Decision {
  }

  record Answer(Step step) implements Decision {
  }
}
