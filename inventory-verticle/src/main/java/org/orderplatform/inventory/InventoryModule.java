package org.orderplatform.inventory;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Event;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.runtime.ServiceContext;
import org.orderplatform.runtime.ServiceModule;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.plumbing.http.HttpRoutes;
import org.orderplatform.inventory.application.ReleaseStock;
import org.orderplatform.inventory.application.ReserveStock;
import org.orderplatform.inventory.application.ShipStock;
import org.orderplatform.inventory.application.StockProducts;
import org.orderplatform.inventory.http.InventoryRoutes;
import org.orderplatform.inventory.persistence.InventoryRepository;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Composition root of the inventory service; the launcher and the tests build it the same way. */
public final class InventoryModule implements ServiceModule {

  public static final String SCHEMA = "inventory";
  public static final String RESERVATIONS_GROUP = "inventory";

  private final Vertx vertx;
  private final Pool pool;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final InventoryRepository repository;
  private final List<Subscription<?>> subscriptions;

  public InventoryModule(ServiceContext context) {
    this.vertx = context.vertx();
    this.pool = context.pool();
    this.clock = context.clock();
    this.ids = context.ids();
    this.repository = new InventoryRepository(pool);
    this.subscriptions = List.of(Subscription.<Event>of(RESERVATIONS_GROUP,
        Set.of(OrderEvent.OrderPlaced.class, OrderEvent.StockReleaseRequested.class,
            DeliveryEvent.DeliveryDispatched.class), GroupSettings.batched(100),
        new StockReservationHandler(new ReserveStock(repository, clock, ids), new ReleaseStock(repository, clock, ids),
            new ShipStock(repository, clock, ids))));
  }

  @Override
  public List<Subscription<?>> subscriptions() {
    return subscriptions;
  }

  @Override
  public List<HttpRoutes> routes() {
    return List.of(new HttpRoutes("/products*", new InventoryRoutes(new StockProducts(pool, repository, clock, ids), repository).router(vertx)));
  }
}
