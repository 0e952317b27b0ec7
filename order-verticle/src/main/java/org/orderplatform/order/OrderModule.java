package org.orderplatform.order;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Event;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.PaymentEvent;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.order.application.AdvanceSaga;
import org.orderplatform.order.application.CancelOrder;
import org.orderplatform.order.application.FireDeadlines;
import org.orderplatform.order.application.OrderMeters;
import org.orderplatform.order.application.OrderQueries;
import org.orderplatform.order.application.PlaceOrder;
import org.orderplatform.order.application.SagaSettings;
import org.orderplatform.order.http.OrderRoutes;
import org.orderplatform.order.persistence.CatalogPrices;
import org.orderplatform.order.persistence.OrderList;
import org.orderplatform.order.persistence.OrderRepository;
import org.orderplatform.order.persistence.PlacementWriter;
import org.orderplatform.plumbing.http.HttpRoutes;
import org.orderplatform.runtime.ServiceContext;
import org.orderplatform.runtime.ServiceModule;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Composition root of the order service; the launcher and the tests build it the same way. */
public final class OrderModule implements ServiceModule {

  public static final String SCHEMA = "orders";
  public static final String SAGA_GROUP = "order-saga";
  public static final String VIEW_GROUP = "order-view";
  public static final String CATALOG_GROUP = "order-catalog";

  /** The participants' replies that move the saga on. */
  static final Set<Class<? extends Event>> REPLIES = Set.of(
      InventoryEvent.StockReserved.class, InventoryEvent.StockRejected.class, InventoryEvent.StockReleased.class,
      PaymentEvent.PaymentAuthorized.class, PaymentEvent.PaymentDeclined.class, PaymentEvent.PaymentUnavailable.class,
      PaymentEvent.PaymentRefunded.class, DeliveryEvent.DeliveryScheduled.class, DeliveryEvent.DeliveryDispatched.class,
      DeliveryEvent.DeliveryCompleted.class, DeliveryEvent.DeliveryFailed.class);

  private final Vertx vertx;
  private final OrderRoutes routes;
  private final DeadlineScanner scanner;
  private final List<Subscription<?>> subscriptions;

  public OrderModule(ServiceContext context) {
    this.vertx = context.vertx();
    SagaSettings settings = SagaSettings.from(context.env());
    OrderRepository repository = new OrderRepository(context.pool());
    CatalogProjection catalog = new CatalogProjection(repository);
    OrderViewProjection view = new OrderViewProjection(repository);
    OrderMeters meters = new OrderMeters(context.meters());
    this.routes = new OrderRoutes(new PlaceOrder(context.pool(), new PlacementWriter(context.pool()),
        new CatalogPrices(context.pool(), repository), context.clock(), context.ids(), meters),
        new CancelOrder(context.pool(), context.clock(), context.ids(), meters), new OrderQueries(context.pool()),
        new OrderList(context.pool()), context.ids());
    this.scanner = new DeadlineScanner(context.db(),
        new FireDeadlines(context.pool(), context.clock(), context.ids(), meters), settings.scanEvery());
    this.subscriptions = List.of(
        Subscription.<Event>of(SAGA_GROUP, REPLIES, GroupSettings.batched(100),
            new SagaConsumer(new AdvanceSaga(context.clock(), context.ids(), settings, meters))),
        Subscription.<OrderEvent>of(VIEW_GROUP, orderEvents(), GroupSettings.batched(100), view).withReset(view::reset),
        Subscription.<InventoryEvent>of(CATALOG_GROUP, Set.of(InventoryEvent.ProductAdded.class),
            GroupSettings.batched(100), catalog).withReset(catalog::reset));
  }

  @SuppressWarnings("unchecked")
  private static Set<Class<? extends OrderEvent>> orderEvents() {
    return Set.of(OrderEvent.class.getPermittedSubclasses()).stream()
        .map(type -> (Class<? extends OrderEvent>) type).collect(Collectors.toSet());
  }

  @Override
  public List<Subscription<?>> subscriptions() {
    return subscriptions;
  }

  @Override
  public List<HttpRoutes> routes() {
    return List.of(new HttpRoutes("/orders*", routes.router(vertx)));
  }

  @Override
  public List<Deployable> verticles() {
    return List.of(scanner);
  }
}
