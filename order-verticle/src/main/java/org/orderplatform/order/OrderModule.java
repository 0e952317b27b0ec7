package org.orderplatform.order;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.runtime.ServiceContext;
import org.orderplatform.runtime.ServiceModule;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.plumbing.http.HttpRoutes;
import org.orderplatform.order.persistence.CatalogPrices;
import org.orderplatform.order.persistence.OrderRepository;
import org.orderplatform.order.persistence.PlacementWriter;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Composition root of the order service; the launcher and the tests build it the same way. */
public final class OrderModule implements ServiceModule {

  public static final String SCHEMA = "orders";
  public static final String SAGA_GROUP = "order-saga";
  public static final String CATALOG_GROUP = "order-catalog";

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final OrderRepository repository;
  private final PlacementWriter placements;
  private final List<Subscription<?>> subscriptions;

  public OrderModule(ServiceContext context) {
    this.vertx = context.vertx();
    this.pool = context.pool();
    this.clock = context.clock();
    this.ids = context.ids();
    this.repository = new OrderRepository(pool);
    this.placements = new PlacementWriter(pool, repository);
    CatalogProjection catalog = new CatalogProjection(repository);
    this.subscriptions = List.of(
        Subscription.<InventoryEvent>of(SAGA_GROUP,
            Set.of(InventoryEvent.StockReserved.class, InventoryEvent.StockRejected.class),
            GroupSettings.batched(100), new InventoryReplyHandler(repository, clock, ids)),
        Subscription.<InventoryEvent>of(CATALOG_GROUP, Set.of(InventoryEvent.ProductAdded.class),
            GroupSettings.batched(100), catalog).withReset(catalog::reset));
  }

  @Override
  public List<Subscription<?>> subscriptions() {
    return subscriptions;
  }

  @Override
  public List<HttpRoutes> routes() {
    return List.of(new HttpRoutes("/orders*", new OrderRoutes(placements, new CatalogPrices(repository), repository, clock, ids).router(vertx)));
  }
}
