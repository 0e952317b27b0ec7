package org.orderplatform.payment.application;

import java.util.UUID;

/**
 * A refund the provider did not settle (unreachable, or it refused the request). It fails the
 * delivery, so the messaging layer retries it with backoff and at last dead-letters it: a refund
 * is never dropped.
 */
public final class RefundNotDone extends RuntimeException {

  public RefundNotDone(UUID orderId, String reason) {
    super("refund of order " + orderId + " not done: " + reason, null, false, false);
  }
}
