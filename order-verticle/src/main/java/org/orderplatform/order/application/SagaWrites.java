package org.orderplatform.order.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.log.EventStreams;
import org.orderplatform.order.domain.Deadline;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.order.domain.Reaction;
import org.orderplatform.order.persistence.Deadlines;
import org.orderplatform.plumbing.db.AfterCommit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What one transaction of the saga writes, gathered reaction by reaction: each order's new events,
 * numbered after the state they were decided on (which moves on at once, so a second reply for the
 * same order in one batch sees the first one's effect), and the last word on each stored timer.
 * The orders it confirms or ends are counted once the transaction commits (see {@link OrderMeters}).
 */
final class SagaWrites {

  private record Timer(UUID orderId, Deadline.Kind kind) {
  }

  private final Map<UUID, OrderState> orders;
  private final Instant now;
  private final Supplier<UUID> ids;
  private final OrderMeters meters;
  private final List<EventStreams.Versioned> events = new ArrayList<>();
  private final List<OrderMeters.Reached> reached = new ArrayList<>();
  private final Map<Timer, Instant> timers = new LinkedHashMap<>();

  SagaWrites(Map<UUID, OrderState> orders, Instant now, Supplier<UUID> ids, OrderMeters meters) {
    this.orders = orders;
    this.now = now;
    this.ids = ids;
    this.meters = meters;
  }

  OrderState order(UUID orderId) {
    return orders.get(orderId);
  }

  /**
   * Records a reaction of the order's saga.
   *
   * @param cause the reply that caused it, or null for a deadline (the order's id then correlates)
   */
  void record(UUID orderId, Reaction reaction, Envelope<?> cause) {
    OrderState state = orders.get(orderId);
    for (OrderEvent event : reaction.events()) {
      Envelope<OrderEvent> envelope = cause != null ? cause.causing(event, ids.get(), now)
          : Envelope.of(event, ids.get(), now, orderId, null, null);
      OrderState before = state;
      state = state.apply(event, now);
      events.add(new EventStreams.Versioned(state.version(), envelope));
      OrderMeters.Reached counted = OrderMeters.reached(before, state, now);
      if (counted != null) {
        reached.add(counted);
      }
    }
    orders.put(orderId, state);
    reaction.cancel().forEach(kind -> timers.put(new Timer(orderId, kind), null));
    reaction.schedule().forEach(deadline -> timers.put(new Timer(orderId, deadline.kind()), deadline.dueAt()));
  }

  Future<Void> write(SqlConnection tx) {
    List<Deadline> schedule = new ArrayList<>();
    List<Deadlines.Cancel> cancel = new ArrayList<>();
    timers.forEach((timer, dueAt) -> {
      if (dueAt == null) {
        cancel.add(new Deadlines.Cancel(timer.orderId(), timer.kind()));
      } else {
        schedule.add(new Deadline(timer.orderId(), timer.kind(), dueAt));
      }
    });
    // Sent together and pipelined, so they run in this order. Timers before events: the deadline
    // scanner claims timer rows first and appends after, skipping rows it finds locked; writing
    // ours first means neither side can hold what the other waits for (no deadlock), and the one
    // that appends second fails on the stream's version and decides again.
    return Future.all(Deadlines.schedule(tx, schedule), Deadlines.cancel(tx, cancel),
            events.isEmpty() ? Future.succeededFuture() : EventStreams.append(tx, events))
        .<Void>mapEmpty()
        .onSuccess(v -> AfterCommit.run(tx, () -> reached.forEach(meters::record)));
  }
}
