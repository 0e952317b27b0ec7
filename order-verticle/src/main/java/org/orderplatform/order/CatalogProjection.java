package org.orderplatform.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.messaging.EventHandler;
import org.orderplatform.order.persistence.OrderRepository;

/** Keeps the order service's copy of product prices; rebuildable from the log at any time. */
final class CatalogProjection implements EventHandler<InventoryEvent> {

  private final OrderRepository repository;

  CatalogProjection(OrderRepository repository) {
    this.repository = repository;
  }

  @Override
  public Future<Void> handle(Envelope<? extends InventoryEvent> envelope, SqlConnection tx) {
    if (envelope.payload() instanceof InventoryEvent.ProductAdded added) {
      return repository.upsertCatalog(tx, added.sku(), added.name(), added.price());
    }
    return Future.succeededFuture();
  }

  Future<Void> reset(SqlConnection tx) {
    return repository.clearCatalog(tx);
  }
}
