package org.orderplatform.payment.domain;

/** The provider could not be reached or kept failing (circuit open, timeouts, 5xx after the retries). */
public record ProviderUnavailable(String reason) implements ProviderOutcome, RefundOutcome {
}
