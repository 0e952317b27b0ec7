package org.orderplatform.delivery;

import io.vertx.core.Deployable;
import org.orderplatform.delivery.application.AdvanceDueShipments;
import org.orderplatform.delivery.application.CancelDeliveries;
import org.orderplatform.delivery.application.CarrierReports;
import org.orderplatform.delivery.application.ScheduleDeliveries;
import org.orderplatform.delivery.http.DeliveryRoutes;
import org.orderplatform.delivery.persistence.ShipmentRepository;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.plumbing.http.HttpRoutes;
import org.orderplatform.runtime.ServiceContext;
import org.orderplatform.runtime.ServiceModule;

import java.util.List;
import java.util.Set;

/**
 * Composition root of the delivery service; the launcher and the tests build it the same way.
 * Group {@value #GROUP} takes the saga's {@code DeliveryRequested} and
 * {@code DeliveryCancellationRequested} (one group, so an order's cancellation follows its request)
 * and answers with {@code DeliveryEvent}s; the carrier reports over HTTP.
 */
public final class DeliveryModule implements ServiceModule {

  public static final String SCHEMA = "delivery";
  public static final String GROUP = "delivery";
  static final int BATCH_SIZE = 100;

  private final ServiceContext context;
  private final DeliverySettings settings;
  private final ShipmentRepository repository;
  private final List<Subscription<?>> subscriptions;
  private final List<Deployable> verticles;

  public DeliveryModule(ServiceContext context) {
    this.context = context;
    this.settings = DeliverySettings.from(context.env());
    this.repository = new ShipmentRepository(context.pool());
    // Batched: the handler calls nobody, so a batch is one short transaction.
    this.subscriptions = List.of(Subscription.<OrderEvent>of(GROUP,
        Set.of(OrderEvent.DeliveryRequested.class, OrderEvent.DeliveryCancellationRequested.class),
        GroupSettings.batched(BATCH_SIZE),
        new DeliveryRequestHandler(
            new ScheduleDeliveries(repository, settings.carriers(), settings.autoProgress(), context.clock(), context.ids()),
            new CancelDeliveries(repository, settings.autoProgress(), context.clock(), context.ids()))));
    // Off: no scanner at all, not an idle one.
    this.verticles = !settings.autoProgress().enabled() ? List.of()
        : List.of(new AutoProgressScanner(new AdvanceDueShipments(context.pool(), repository, settings.autoProgress(),
            context.clock(), context.ids()), settings.scanEvery(), settings.scanBatch()));
  }

  @Override
  public List<Subscription<?>> subscriptions() {
    return subscriptions;
  }

  @Override
  public List<HttpRoutes> routes() {
    CarrierReports reports = new CarrierReports(context.pool(), repository, settings.autoProgress(), context.clock(),
        context.ids());
    return List.of(new HttpRoutes("/deliveries*", new DeliveryRoutes(reports, repository).router(context.vertx())));
  }

  @Override
  public List<Deployable> verticles() {
    return verticles;
  }

  public DeliverySettings settings() {
    return settings;
  }
}
