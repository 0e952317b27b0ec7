package org.orderplatform.messaging.deadletter;

import java.time.Instant;

/** One failed delivery attempt, kept in a dead letter's history. */
public record Attempt(int number, Instant at, String errorClass, String errorMessage) {

  /** Splits the {@code "Class: message"} detail a handler sends back with its failure. */
  public static Attempt fromDetail(int number, Instant at, String detail) {
    String text = detail == null ? "" : detail;
    int colon = text.indexOf(": ");
    if (colon > 0 && !text.substring(0, colon).contains(" ")) {
      return new Attempt(number, at, text.substring(0, colon), text.substring(colon + 2));
    }
    return new Attempt(number, at, "DeliveryFailure", text);
  }
}
