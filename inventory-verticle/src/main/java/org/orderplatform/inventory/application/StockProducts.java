package org.orderplatform.inventory.application;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.inventory.domain.NewProduct;
import org.orderplatform.inventory.persistence.InventoryRepository;
import org.orderplatform.inventory.persistence.ProductView;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The operator's use cases: add a product, restock one. Each stores the change and its event
 * ({@code ProductAdded}, {@code StockRestocked}) in one transaction.
 */
public final class StockProducts {

  private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";

  /** How adding a product ended. */
  public sealed interface Added {
    record Stored(ProductView product) implements Added {
    }

    record Invalid(List<String> violations) implements Added {
    }

    record AlreadyExists(String sku) implements Added {
    }
  }

  /** How a restock ended. */
  public sealed interface Restocked {
    record Stored(ProductView product) implements Restocked {
    }

    record UnknownProduct(String sku) implements Restocked {
    }

    /** On hand is an int column: the restock would carry it past the top. */
    record WouldOverflow(String sku) implements Restocked {
    }
  }

  private final Pool pool;
  private final InventoryRepository repository;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public StockProducts(Pool pool, InventoryRepository repository, Clock clock, Supplier<UUID> ids) {
    this.pool = pool;
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
  }

  /** @param traceparent the request's W3C trace context, or null */
  public Future<Added> add(NewProduct product, String traceparent) {
    List<String> violations = product.violations();
    if (!violations.isEmpty()) {
      return Future.succeededFuture(new Added.Invalid(violations));
    }
    var event = event(new InventoryEvent.ProductAdded(product.sku(), product.name(), product.price(), product.stock()),
        traceparent);
    return pool.<Added>withTransaction(tx -> repository.insert(tx, product).compose(inserted -> !inserted
            ? Future.succeededFuture(new Added.AlreadyExists(product.sku()))
            : EventLog.append(tx, event).map(v -> null)))
        .compose(outcome -> outcome != null ? Future.succeededFuture(outcome)
            : repository.find(product.sku()).map(found -> new Added.Stored(found.orElseThrow())));
  }

  /** @param quantity at least 1, checked by the caller */
  public Future<Restocked> restock(String sku, int quantity, String traceparent) {
    var event = event(new InventoryEvent.StockRestocked(sku, quantity), traceparent);
    return pool.<Restocked>withTransaction(tx -> repository.restock(tx, sku, quantity).compose(found -> found.isEmpty()
            ? Future.succeededFuture(new Restocked.UnknownProduct(sku))
            : EventLog.append(tx, event).map(new Restocked.Stored(found.get()))))
        .recover(failure -> failure instanceof PgException pg && NUMERIC_VALUE_OUT_OF_RANGE.equals(pg.getSqlState())
            ? Future.succeededFuture(new Restocked.WouldOverflow(sku)) : Future.failedFuture(failure));
  }

  private Envelope<InventoryEvent> event(InventoryEvent event, String traceparent) {
    return Envelope.of(event, ids.get(), clock.instant(), ids.get(), null, traceparent);
  }
}
