package org.orderplatform.payment.domain;

/** What the provider made of a charge. Never an exception: an unreachable provider is an outcome too. */
public sealed interface ProviderOutcome permits ProviderOutcome.Authorized, ProviderOutcome.Declined,
    ProviderUnavailable {

  record Authorized(String reference) implements ProviderOutcome {
  }

  record Declined(String reason) implements ProviderOutcome {
  }
}
