package org.orderplatform.notification;

import io.vertx.core.Vertx;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Event;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.CallingOut;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.notification.application.Channel;
import org.orderplatform.notification.application.CustomerPreferences;
import org.orderplatform.notification.application.NotifyCustomers;
import org.orderplatform.notification.channel.EmailChannel;
import org.orderplatform.notification.channel.LogChannel;
import org.orderplatform.notification.channel.Signatures;
import org.orderplatform.notification.channel.WebhookChannel;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.notification.http.NotificationRoutes;
import org.orderplatform.notification.persistence.NotificationRepository;
import org.orderplatform.plumbing.db.PgSettings;
import org.orderplatform.plumbing.http.HttpRoutes;
import org.orderplatform.runtime.ServiceContext;
import org.orderplatform.runtime.ServiceModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Composition root of the notification service; the launcher and the tests build it the same way.
 * One group per channel ({@code notification-log}, {@code notification-webhook},
 * {@code notification-email}) tells the customers, so a channel that keeps failing retries and
 * dead-letters on its own. Each group also takes {@code OrderPlaced} and notes the order's
 * customer: the log keeps an order's events in order within a group, so the customer is known by
 * the time the order is confirmed, whichever JVM leads which group.
 */
public final class NotificationModule implements ServiceModule {

  private static final Logger log = LoggerFactory.getLogger(NotificationModule.class);

  public static final String SCHEMA = "notification";
  static final int BATCH_SIZE = 100;
  // An order has at most this many notified events, sent in turn within a batch.
  private static final int MESSAGES_PER_ORDER = 5;

  /** The events customers are told about; each channel's group takes all of them. */
  public static final Set<Class<? extends Event>> TOLD = Set.of(OrderEvent.OrderConfirmed.class,
      OrderEvent.OrderRejected.class, OrderEvent.OrderCancelled.class, DeliveryEvent.DeliveryDispatched.class,
      DeliveryEvent.DeliveryCompleted.class);

  /** What each channel's group takes: the told events, and the placements that say whose order it is. */
  static final Set<Class<? extends Event>> TAKEN = union(TOLD, OrderEvent.OrderPlaced.class);

  private final Vertx vertx;
  private final NotificationRepository repository;
  private final List<Subscription<?>> subscriptions = new ArrayList<>();

  public NotificationModule(ServiceContext context) {
    this.vertx = context.vertx();
    NotificationSettings settings = NotificationSettings.from(context.env());
    if (settings.secretGenerated()) {
      log.warn("NOTIFICATION_WEBHOOK_SECRET is not set: webhooks are signed with a random secret generated for "
          + "this run, which no receiver can verify; set it to share one");
    }
    this.repository = new NotificationRepository(context.pool());
    List<Channel> channels = List.of(new LogChannel(),
        new WebhookChannel(vertx, new Signatures(settings.webhookSecret()), settings.webhookTimeout()),
        new EmailChannel(vertx, settings.smtpHost(), settings.smtpPort(), settings.from(), settings.emailTimeout()));
    for (Channel channel : channels) {
      subscriptions.add(Subscription.of(group(channel.name()), TAKEN, GroupSettings.batched(BATCH_SIZE)
              .withRetry(settings.retries().get(channel.name()))
              .withSendTimeout(batchTimeout(settings.sendLimit(channel.name()))),
          new CallingOut<>(new NotifyCustomers(channel, repository, context.clock(), context.ids(), context.meters())::send)));
    }
  }

  private static Set<Class<? extends Event>> union(Set<Class<? extends Event>> told, Class<? extends Event> placed) {
    Set<Class<? extends Event>> all = new java.util.HashSet<>(told);
    all.add(placed);
    return Set.copyOf(all);
  }

  /** {@code notification-webhook}: the group that sends over the channel. */
  public static String group(ChannelName channel) {
    return "notification-" + channel.id();
  }

  /**
   * How long the dispatcher waits for a batch: one order's messages go in turn, and the claim,
   * the outcomes and the inbox's transaction each take a statement. Shorter, and a slow receiver
   * would have a batch sent again while it still runs (harmless, the claims hold, but wasted).
   */
  private static Duration batchTimeout(Duration sendLimit) {
    Duration statements = PgSettings.Timeouts.DEFAULT_STATEMENT.multipliedBy(4);
    Duration total = sendLimit.multipliedBy(MESSAGES_PER_ORDER).plus(statements).plus(Duration.ofSeconds(2));
    return total.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : total;
  }

  @Override
  public List<Subscription<?>> subscriptions() {
    return List.copyOf(subscriptions);
  }

  @Override
  public List<HttpRoutes> routes() {
    NotificationRoutes routes = new NotificationRoutes(new CustomerPreferences(repository), repository);
    return List.of(new HttpRoutes("/customers*", routes.customers(vertx)),
        new HttpRoutes("/notifications*", routes.notifications(vertx)));
  }
}
