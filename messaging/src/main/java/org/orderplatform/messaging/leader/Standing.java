package org.orderplatform.messaging.leader;

/**
 * Where a candidate stands, for readiness: what last happened to it. Leading and standing by
 * while another JVM leads are in good order; not having tried yet, a connection that fails or
 * was lost, and a role that failed to start leading are not.
 */
public record Standing(State state, String problem) {
  public enum State { STARTING, LEADING, STANDING_BY, CONNECTION_PROBLEM, FAILED_TO_LEAD }

  public boolean inGoodOrder() {
    return state == State.LEADING || state == State.STANDING_BY;
  }

  static Standing of(State state) {
    return new Standing(state, null);
  }
}
