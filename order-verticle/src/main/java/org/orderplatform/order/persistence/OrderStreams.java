package org.orderplatform.order.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.log.EventStreams;
import org.orderplatform.order.domain.OrderState;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Orders as the fold of their own streams in the log: the write side's only source of an order. */
public final class OrderStreams {

  private OrderStreams() {
  }

  /** The orders that exist among these ids, folded from every event of their streams. */
  public static Future<Map<UUID, OrderState>> load(SqlClient client, Collection<UUID> orderIds) {
    return EventStreams.load(client, orderIds.stream().map(UUID::toString).toList()).map(streams -> {
      Map<UUID, OrderState> orders = new HashMap<>();
      streams.forEach((id, events) -> fold(events, null).ifPresent(state -> orders.put(state.orderId(), state)));
      return orders;
    });
  }

  /** The order as it was at {@code asOf} (null: now); empty when it did not exist yet. */
  public static Future<Optional<OrderState>> load(SqlClient client, UUID orderId, Instant asOf) {
    return EventStreams.load(client, List.of(orderId.toString()))
        .map(streams -> fold(streams.getOrDefault(orderId.toString(), List.of()), asOf));
  }

  private static Optional<OrderState> fold(List<EventStreams.Versioned> events, Instant asOf) {
    return OrderState.fold(events.stream()
        .filter(event -> asOf == null || !event.envelope().occurredAt().isAfter(asOf))
        .map(event -> new OrderState.Timed((OrderEvent) event.envelope().payload(), event.envelope().occurredAt()))
        .toList());
  }
}
