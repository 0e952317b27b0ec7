package org.orderplatform.payment.simulator;

import org.orderplatform.messaging.Subscription;
import org.orderplatform.payment.simulator.persistence.Ledger;
import org.orderplatform.plumbing.http.HttpRoutes;
import org.orderplatform.runtime.ServiceContext;
import org.orderplatform.runtime.ServiceModule;

import java.util.List;

/**
 * Composition root of the payment provider simulator: a real HTTP provider ({@code /provider}) with
 * its ledger in PostgreSQL, and its controls ({@code /simulator}), mounted on this JVM's server.
 * It takes no events; the payment service reaches it over HTTP only, as it would a real provider.
 */
public final class ProviderSimulatorModule implements ServiceModule {

  public static final String SCHEMA = "payment_provider";

  private final List<HttpRoutes> routes;

  public ProviderSimulatorModule(ServiceContext context) {
    SimulatorSettings settings = SimulatorSettings.from(context.env());
    Ledger ledger = new Ledger(context.pool());
    SimulatorControls controls = new SimulatorControls(settings);
    this.routes = List.of(
        new HttpRoutes("/provider*",
            new ProviderRoutes(context.vertx(), ledger, controls, settings.declineAbove(), context.ids()).router()),
        new HttpRoutes("/simulator*", new SimulatorRoutes(context.vertx(), ledger, controls).router()));
  }

  @Override
  public List<Subscription<?>> subscriptions() {
    return List.of();
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }
}
