package org.orderplatform.order.domain;

import org.orderplatform.events.OrderEvent;

import java.util.List;
import java.util.Set;

/**
 * What the saga decided: the order's next events, and its stored timers to set or to drop.
 * Nothing at all is a reaction too: a duplicate or a late reply changes nothing.
 */
public record Reaction(List<OrderEvent> events, List<Deadline> schedule, Set<Deadline.Kind> cancel) {

  public static final Reaction NONE = new Reaction(List.of(), List.of(), Set.of());

  public Reaction {
    events = List.copyOf(events);
    schedule = List.copyOf(schedule);
    cancel = Set.copyOf(cancel);
  }

  static Reaction events(OrderEvent... events) {
    return new Reaction(List.of(events), List.of(), Set.of());
  }

  Reaction cancelling(Deadline.Kind... kinds) {
    return new Reaction(events, schedule, Set.of(kinds));
  }

  Reaction scheduling(Deadline deadline) {
    return new Reaction(events, List.of(deadline), cancel);
  }
}
