package org.orderplatform.messaging.leader;

/** A fenced write matched nothing: the writer's term is over, so it must stop acting as leader. */
public final class FencedOut extends RuntimeException {

  public FencedOut(String lease, long term, String write) {
    super(write + " refused: term " + term + " of " + lease + " is over", null, false, false);
  }
}
