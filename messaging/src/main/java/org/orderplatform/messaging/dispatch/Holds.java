package org.orderplatform.messaging.dispatch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where dead letters hold their aggregates (pure state, no I/O). A dead letter holds its aggregate
 * from its own position: earlier events flow, later ones are parked, and the dead-lettered event
 * itself is never delivered again in order unless an operator retries it. A discarded event stays
 * skipped even after its hold is lifted, so a later replay does not apply it either.
 */
public final class Holds {

  /** How a dead letter holds its aggregate: a live or discarded one is skipped when read again. */
  public enum Hold { LIVE, DISCARDED, RESOLVED }

  /** What an event just read must do. */
  public enum Verdict { FLOW, PARK, SKIP }

  private final Map<String, TreeMap<Long, Hold>> byAggregate = new HashMap<>();
  private final Set<Long> discarded = new HashSet<>();

  public void hold(String aggregate, long position, Hold hold) {
    byAggregate.computeIfAbsent(aggregate, a -> new TreeMap<>()).put(position, hold);
  }

  /** A discarded dead letter's event: skipped whenever it is read again. */
  public void discard(long position) {
    discarded.add(position);
  }

  public Verdict verdict(String aggregate, long position) {
    if (discarded.contains(position)) {
      return Verdict.SKIP;
    }
    TreeMap<Long, Hold> held = byAggregate.get(aggregate);
    if (held == null || position < held.firstKey()) {
      return Verdict.FLOW;
    }
    Hold own = held.get(position);
    return own == Hold.LIVE || own == Hold.DISCARDED ? Verdict.SKIP : Verdict.PARK;
  }

  public OptionalLong lowest(String aggregate) {
    TreeMap<Long, Hold> held = byAggregate.get(aggregate);
    return held == null ? OptionalLong.empty() : OptionalLong.of(held.firstKey());
  }

  /** The hold after {@code position}: where unparking must stop. */
  public OptionalLong next(String aggregate, long position) {
    TreeMap<Long, Hold> held = byAggregate.get(aggregate);
    Long next = held == null ? null : held.higherKey(position);
    return next == null ? OptionalLong.empty() : OptionalLong.of(next);
  }

  /** The dead letter at {@code position} is resolved or discarded and its parked events have flowed. */
  public void release(String aggregate, long position) {
    TreeMap<Long, Hold> held = byAggregate.get(aggregate);
    if (held != null) {
      held.remove(position);
      if (held.isEmpty()) {
        byAggregate.remove(aggregate);
      }
    }
  }
}
