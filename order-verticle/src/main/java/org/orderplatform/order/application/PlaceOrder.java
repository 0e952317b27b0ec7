package org.orderplatform.order.application;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderCommand;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.StockLine;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.order.domain.Orders;
import org.orderplatform.order.domain.PlaceOrderDecision;
import org.orderplatform.order.persistence.CatalogPrices;
import org.orderplatform.order.persistence.OrderStreams;
import org.orderplatform.order.persistence.PlacementWriter;
import org.orderplatform.order.persistence.PlacementWriter.IdempotencyKey;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Places an order: prices its items from the catalogue, lets the domain decide, and stores the
 * order's first event. With an Idempotency-Key, a request already seen returns its order instead
 * (and a different body under the same key is refused); of concurrent requests with one key, the
 * key's unique row lets exactly one store an order.
 */
public final class PlaceOrder {

  /** How a placement ended. */
  public sealed interface Outcome {
    record Created(OrderState order) implements Outcome {
    }

    /** The key was used before with the same body: its order, as it is now. */
    record Replayed(OrderState order) implements Outcome {
    }

    /** The key was used before with another body. */
    record KeyReused(UUID orderId) implements Outcome {
    }

    record Refused(PlaceOrderDecision decision) implements Outcome {
    }
  }

  private final Pool pool;
  private final PlacementWriter placements;
  private final CatalogPrices prices;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final OrderMeters meters;

  public PlaceOrder(Pool pool, PlacementWriter placements, CatalogPrices prices, Clock clock, Supplier<UUID> ids,
                    OrderMeters meters) {
    this.pool = pool;
    this.placements = placements;
    this.prices = prices;
    this.clock = clock;
    this.ids = ids;
    this.meters = meters;
  }

  /**
   * @param key         the request's Idempotency-Key, or null
   * @param traceparent the request's W3C trace context, or null
   */
  public Future<Outcome> place(OrderCommand.PlaceOrder command, IdempotencyKey key, String traceparent) {
    if (key == null) {
      return placeNew(command, null, traceparent);
    }
    return replay(key).compose(seen -> seen != null ? Future.succeededFuture(seen)
        : placeNew(command, key, traceparent).recover(error -> PlacementWriter.keyTaken(error)
            ? replay(key) : Future.failedFuture(error)));
  }

  private Future<Outcome> placeNew(OrderCommand.PlaceOrder command, IdempotencyKey key, String traceparent) {
    return prices.of(command.items().stream().map(StockLine::sku).distinct().toList()).compose(known -> {
      PlaceOrderDecision decision = Orders.place(command, known);
      if (!(decision instanceof PlaceOrderDecision.Accepted accepted)) {
        return Future.succeededFuture(new Outcome.Refused(decision));
      }
      Instant at = clock.instant();
      // The order's id correlates its whole flow, deadlines' events included.
      Envelope<OrderEvent.OrderPlaced> event = Envelope.of(accepted.placed(), ids.get(), at, command.orderId(), null,
          traceparent);
      // Stored means committed (the writer's own transaction): a placement refused by its key is not counted.
      return placements.store(event, key).onSuccess(v -> meters.placed())
          .map(new Outcome.Created(OrderState.placed(accepted.placed(), at)));
    });
  }

  /** The outcome of a request seen before under this key, or null when the key is new. */
  private Future<Outcome> replay(IdempotencyKey key) {
    return placements.findKey(key.key()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(null);
      }
      if (!found.get().requestHash().equals(key.requestHash())) {
        return Future.succeededFuture(new Outcome.KeyReused(found.get().orderId()));
      }
      return OrderStreams.load(pool, found.get().orderId(), null)
          .map(order -> new Outcome.Replayed(order.orElseThrow()));
    });
  }
}
