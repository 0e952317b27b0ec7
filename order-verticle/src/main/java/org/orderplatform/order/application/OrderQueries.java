package org.orderplatform.order.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.orderplatform.messaging.log.EventStreams;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.order.persistence.OrderStreams;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads an order from its stream: as it is, as it was at a moment, and its whole history. */
public final class OrderQueries {

  private final Pool pool;

  public OrderQueries(Pool pool) {
    this.pool = pool;
  }

  /** The order now (asOf null) or as it was at {@code asOf}; empty when it did not exist then. */
  public Future<Optional<OrderState>> find(UUID orderId, Instant asOf) {
    return OrderStreams.load(pool, orderId, asOf);
  }

  /** Every event about the order, its own and its participants' replies, in log order. */
  public Future<List<EventStreams.Versioned>> history(UUID orderId) {
    return EventStreams.history(pool, orderId.toString());
  }
}
