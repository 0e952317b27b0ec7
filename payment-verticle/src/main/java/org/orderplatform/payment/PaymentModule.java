package org.orderplatform.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.CallingOut;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.payment.application.SettlePayments;
import org.orderplatform.payment.persistence.PaymentRepository;
import org.orderplatform.payment.provider.BreakerStats;
import org.orderplatform.payment.provider.ProviderClient;
import org.orderplatform.plumbing.http.HttpRoutes;
import org.orderplatform.runtime.ReadinessCheck;
import org.orderplatform.runtime.ServiceContext;
import org.orderplatform.runtime.ServiceModule;

import java.util.List;
import java.util.Set;

/**
 * Composition root of the payment service; the launcher and the tests build it the same way.
 * Group {@value #GROUP} takes the saga's {@code PaymentRequested} and {@code RefundRequested} and
 * answers each with a {@code PaymentEvent}.
 */
public final class PaymentModule implements ServiceModule {

  public static final String SCHEMA = "payment";
  public static final String GROUP = "payment";
  public static final String BREAKER_CHECK = "payment-breaker";
  static final int BATCH_SIZE = 50;

  private final ProviderClient provider;
  private final PaymentRepository repository;
  private final List<Subscription<?>> subscriptions;
  private final ServiceContext context;

  public PaymentModule(ServiceContext context) {
    this.context = context;
    PaymentSettings settings = PaymentSettings.from(context.env());
    this.provider = new ProviderClient(context.vertx(), settings, context.localUrl(), context.meters());
    this.repository = new PaymentRepository(context.pool());
    // Batches are safe here: the provider calls run concurrently before the transaction, so a batch
    // holds no connection while it waits; the send timeout covers the slowest calls (see PaymentSettings).
    this.subscriptions = List.of(Subscription.<OrderEvent>of(GROUP,
        Set.of(OrderEvent.PaymentRequested.class, OrderEvent.RefundRequested.class),
        GroupSettings.batched(BATCH_SIZE).withSendTimeout(settings.batchTimeout()),
        new CallingOut<>(new SettlePayments(repository, provider, context.clock(), context.ids())::settle)));
  }

  @Override
  public List<Subscription<?>> subscriptions() {
    return subscriptions;
  }

  @Override
  public List<HttpRoutes> routes() {
    return List.of(new HttpRoutes("/payments*", new PaymentRoutes(repository).router(context.vertx())));
  }

  /**
   * Not ready while the provider's circuit is open: every payment this JVM takes would be answered
   * "provider unavailable" until it closes again.
   */
  @Override
  public List<ReadinessCheck> readinessChecks() {
    return List.of(new ReadinessCheck(BREAKER_CHECK, () -> {
      BreakerStats stats = provider.stats();
      JsonObject data = new JsonObject().put("state", stats.state()).put("stateChanges", stats.stateChanges());
      return Future.succeededFuture(BreakerStats.OPEN.equals(stats.state()) ? Status.KO(data) : Status.OK(data));
    }));
  }

  /** The provider circuit's state and calls by outcome. */
  public BreakerStats breakerStats() {
    return provider.stats();
  }
}
