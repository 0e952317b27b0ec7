package org.orderplatform.messaging;

/** Why a handler refused a message; crosses the bus as {@code msg.fail(code.code(), detail)}. */
public enum FailureCode {
  /** The handler's effects failed (database error, bug, invariant): worth retrying. */
  HANDLER_FAILED(500),
  /** The message is not something this group takes. */
  UNEXPECTED_TYPE(415),
  /** The message could not be decoded into a known record. */
  UNDECODABLE(422),
  /** The sender's term or the group's epoch is over (a deposed leader, a replay): drop, don't retry. */
  STALE_DELIVERY(409);

  private final int code;

  FailureCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The detail we send: error class and message, the inputs of a dead letter's fingerprint. */
  public static String detail(Throwable error) {
    String message = error.getMessage() == null ? "" : error.getMessage();
    return error.getClass().getName() + ": " + message;
  }
}
