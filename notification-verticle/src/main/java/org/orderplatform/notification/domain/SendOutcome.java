package org.orderplatform.notification.domain;

/**
 * What a channel made of one message. A failure worth retrying (a timeout, a refused connection,
 * a 5xx) is no outcome: it fails the send, and with it the delivery.
 */
public sealed interface SendOutcome {

  /** The message went out. */
  record Sent() implements SendOutcome {
  }

  /** The recipient turned it down for good (a webhook's 4xx): retrying would change nothing. */
  record Refused(String reason) implements SendOutcome {
  }
}
