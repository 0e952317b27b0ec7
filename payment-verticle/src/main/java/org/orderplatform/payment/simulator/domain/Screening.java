package org.orderplatform.payment.simulator.domain;

/**
 * How the simulated provider answers a new charge, decided from the request alone, so the same
 * request always gets the same answer: {@code tok_decline} and amounts above the limit are
 * declined, {@code tok_fail} always fails (a provider error, for retry tests), the rest is charged.
 */
public sealed interface Screening {

  String DECLINING_TOKEN = "tok_decline";
  String FAILING_TOKEN = "tok_fail";

  record Charge() implements Screening {
  }

  record Decline(String reason) implements Screening {
  }

  record Fail(String reason) implements Screening {
  }

  static Screening of(String token, long amountMinor, long declineAbove) {
    if (FAILING_TOKEN.equals(token)) {
      return new Fail("token " + FAILING_TOKEN + " always fails");
    }
    if (DECLINING_TOKEN.equals(token)) {
      return new Decline("card declined");
    }
    if (amountMinor > declineAbove) {
      return new Decline("amount " + amountMinor + " is above the limit of " + declineAbove);
    }
    return new Charge();
  }
}
