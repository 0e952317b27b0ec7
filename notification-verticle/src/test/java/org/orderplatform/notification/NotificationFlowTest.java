package org.orderplatform.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Address;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Event;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.notification.channel.Signatures;
import org.orderplatform.notification.domain.ChannelName;
import org.orderplatform.runtime.testing.ServiceHarness;
import org.orderplatform.runtime.testing.ServiceHarness.Hosting;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;

/**
 * The notification service as the launcher runs it, over a real PostgreSQL, a real SMTP server
 * (GreenMail) and a real HTTP receiver; the other services are played by appending their events.
 */
class NotificationFlowTest {

  private static final String SECRET = "test-signing-secret";
  private static final String WEBHOOK = NotificationModule.group(ChannelName.WEBHOOK);
  private static final String EMAIL = NotificationModule.group(ChannelName.EMAIL);
  private static final int WEBHOOK_ATTEMPTS = 3;
  private static final Address ADDRESS = new Address("1 Main St", null, "75001", "Paris", "FR");

  private static GreenMail smtp;
  private static ServiceHarness service;
  private static Receiver receiver;

  @BeforeAll
  static void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    service = ServiceHarness.start(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", "" + smtp.getSmtp().getPort(),
            "NOTIFICATION_FROM", "shop@example.com", "NOTIFICATION_WEBHOOK_SECRET", SECRET,
            "NOTIFICATION_WEBHOOK_TIMEOUT", "2s", "NOTIFICATION_WEBHOOK_ATTEMPTS", "" + WEBHOOK_ATTEMPTS,
            "NOTIFICATION_WEBHOOK_BACKOFF", "10ms", "NOTIFICATION_WEBHOOK_BACKOFF_MAX", "50ms"),
        new Hosting(NotificationModule.SCHEMA, NotificationModule::new));
    receiver = new Receiver(service.vertx);
  }

  @AfterAll
  static void stop() {
    if (receiver != null) {
      receiver.close();
    }
    if (service != null) {
      service.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  // --- playing the other services

  private static <E extends Event> Envelope<E> envelope(E event) {
    return Envelope.of(event, UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null);
  }

  private static UUID placed(String customerId) {
    UUID orderId = UUID.randomUUID();
    service.append(envelope(new OrderEvent.OrderPlaced(orderId, customerId,
        List.of(new OrderLine("TEA-1", 1, new Money(450, "EUR"))), new Money(450, "EUR"), ADDRESS, "tok_visa")));
    return orderId;
  }

  private static void customerKnown(UUID orderId) {
    Awaiting.eventually(() -> service.count("select count(*) from notification.channel_customers where order_id = $1",
        orderId), n -> n == 3, "the customer of order " + orderId);
  }

  private static void choose(String customerId, String preferences) {
    var response = await(service.request(HttpMethod.PUT, "/customers/" + customerId + "/notification-preferences",
        preferences, Map.of()));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  private static long told(UUID orderId, String channel, String type) {
    return service.count("select count(*) from eventlog.events where aggregate_id = $1 and type = $2"
        + " and payload->>'channel' = $3", orderId.toString(), type, channel);
  }

  private static List<MimeMessage> mailsAbout(UUID orderId) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> GreenMailUtil.getBody(m).contains(orderId.toString()))
        .toList();
  }

  private static String customer() {
    return "c-" + UUID.randomUUID();
  }

  // --- the flows

  @Test
  @DisplayName("a confirmed order is mailed once over SMTP, with the order id and the confirmed template, even when redelivered")
  void mailedOnce() throws Exception {
    String customer = customer();
    choose(customer, "{\"log\":false,\"email\":{\"address\":\"ada@example.com\"}}");
    UUID orderId = placed(customer);
    Envelope<OrderEvent> confirmed = envelope(new OrderEvent.OrderConfirmed(orderId));
    service.append(confirmed);

    Awaiting.eventually(() -> mailsAbout(orderId), m -> !m.isEmpty(), "the mail");
    // Redelivered once the first delivery is recorded, as a dispatcher would (after a lost
    // acknowledgement). Until then the e-mail group has not noted the customer in its own rows.
    Awaiting.eventually(() -> told(orderId, "email", "notification.customer-notified"), n -> n == 1, "CustomerNotified");
    await(service.deliver(EMAIL, confirmed));

    List<MimeMessage> mails = mailsAbout(orderId);
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails.get(0);
    assertThat(mail.getSubject()).isEqualTo("Your order " + orderId + " is confirmed");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("shop@example.com");
    assertThat(GreenMailUtil.getBody(mail)).contains("is confirmed");
    Awaiting.eventually(() -> told(orderId, "email", "notification.customer-notified"), n -> n == 1, "CustomerNotified");
    assertThat(told(orderId, "log", "notification.customer-notified")).as("log turned off").isZero();
    JsonObject notified = new JsonObject(service.row("select payload::text as p from eventlog.events where aggregate_id = $1"
        + " and type = 'notification.customer-notified'", orderId.toString()).getString("p"));
    assertThat(notified.getString("topic")).isEqualTo("confirmed");
    assertThat(mail.getHeader("X-Notification-Id")[0]).isEqualTo(notified.getString("notificationId"));
  }

  @Test
  @DisplayName("a webhook gets the POST once, signed over its exact bytes, when the same envelope is delivered twice, at once and again later")
  void webhookOnce() {
    String customer = customer();
    String path = "/ok/" + customer;
    choose(customer, "{\"log\":true,\"webhook\":{\"url\":\"" + receiver.url(path) + "\"}}");
    UUID orderId = placed(customer);
    customerKnown(orderId);
    Envelope<DeliveryEvent> dispatched = envelope(new DeliveryEvent.DeliveryDispatched(orderId, UUID.randomUUID(), "TRK-7"));

    // At once: one delivery sends; the other finds the claim and fails or finds it done.
    await(Future.join(service.deliver(WEBHOOK, dispatched), service.deliver(WEBHOOK, dispatched)).otherwiseEmpty());
    await(service.deliver(WEBHOOK, dispatched));
    await(service.deliver(WEBHOOK, dispatched));

    List<Receiver.Request> posts = receiver.at(path);
    assertThat(posts).hasSize(1);
    Receiver.Request post = posts.get(0);
    assertThat(post.headers().get(Signatures.HEADER))
        .isEqualTo(new Signatures(SECRET.getBytes(StandardCharsets.UTF_8)).sign(post.body().getBytes()))
        .startsWith("sha256=");
    assertThat(post.headers().get("content-type")).isEqualTo("application/json");
    JsonObject body = post.json();
    assertThat(body.getString("orderId")).isEqualTo(orderId.toString());
    assertThat(body.getString("customerId")).isEqualTo(customer);
    assertThat(body.getString("topic")).isEqualTo("dispatched");
    assertThat(body.getString("text")).contains("TRK-7");
    assertThat(body.getString("eventId")).isEqualTo(dispatched.eventId().toString());
    assertThat(told(orderId, "webhook", "notification.customer-notified")).isEqualTo(1);
  }

  @Test
  @DisplayName("a replay of the webhook group handles the event again but does not POST it again")
  void replaySendsNothingTwice() {
    String customer = customer();
    String path = "/ok/" + customer;
    choose(customer, "{\"webhook\":{\"url\":\"" + receiver.url(path) + "\"}}");
    UUID orderId = placed(customer);
    Envelope<OrderEvent> cancelled = envelope(new OrderEvent.OrderCancelled(orderId, "payment declined"));
    service.append(cancelled);
    Awaiting.eventually(() -> receiver.at(path).size(), n -> n == 1, "the POST");
    Awaiting.eventually(() -> told(orderId, "webhook", "notification.customer-notified"), n -> n == 1, "CustomerNotified");
    OffsetDateTime firstHandled = handledAt(cancelled.eventId());
    long position = service.row("select position from eventlog.events where event_id = $1", cancelled.eventId())
        .getLong("position");

    var replay = service.post("/admin/subscriptions/" + WEBHOOK + "/replay", "{\"fromPosition\":" + position + "}",
        Map.of("authorization", "Bearer " + ServiceHarness.ADMIN_TOKEN));
    assertThat(replay.statusCode()).as(replay.bodyAsString()).isEqualTo(202);

    Awaiting.eventually(() -> handledAt(cancelled.eventId()), at -> at != null && at.isAfter(firstHandled),
        "the event handled again");
    assertThat(receiver.at(path)).hasSize(1);
    assertThat(receiver.at(path).get(0).json().getString("text")).contains("(payment declined)");
    assertThat(told(orderId, "webhook", "notification.customer-notified")).isEqualTo(1);
  }

  private static OffsetDateTime handledAt(UUID eventId) {
    var row = service.row("select handled_at from eventlog.inbox where group_name = $1 and event_id = $2", WEBHOOK,
        eventId);
    return row == null ? null : row.getOffsetDateTime("handled_at");
  }

  @Test
  @DisplayName("a webhook that always fails is retried, then dead-lettered with its error, while other channels and other orders go out")
  void failingWebhookDeadLetters() {
    String failing = customer();
    String failingPath = "/fail/" + failing;
    choose(failing, "{\"log\":true,\"webhook\":{\"url\":\"" + receiver.url(failingPath) + "\"},"
        + "\"email\":{\"address\":\"grace@example.com\"}}");
    String healthy = customer();
    String healthyPath = "/ok/" + healthy;
    choose(healthy, "{\"webhook\":{\"url\":\"" + receiver.url(healthyPath) + "\"}}");
    UUID failingOrder = placed(failing);
    UUID healthyOrder = placed(healthy);
    // Otherwise an attempt may fail on the customer not known yet, and fewer POSTs arrive.
    customerKnown(failingOrder);
    customerKnown(healthyOrder);
    Envelope<OrderEvent> failingConfirmed = envelope(new OrderEvent.OrderConfirmed(failingOrder));
    service.append(failingConfirmed);
    service.append(envelope(new OrderEvent.OrderConfirmed(healthyOrder)));

    var deadLetter = Awaiting.eventually(() -> service.row("select error_message, attempts::text as attempts"
            + " from eventlog.dead_letters where group_name = $1 and event_id = $2", WEBHOOK, failingConfirmed.eventId()),
        row -> row != null, "the dead letter");
    assertThat(deadLetter.getString("error_message")).contains("answered HTTP 500").contains(failingPath);
    assertThat(new io.vertx.core.json.JsonArray(deadLetter.getString("attempts"))).hasSize(WEBHOOK_ATTEMPTS);
    // One more when the first try was in a batch with the other order's event: a failed batch is split and
    // each event retried on its own, its attempts counted from there.
    assertThat(receiver.at(failingPath).size()).isBetween(WEBHOOK_ATTEMPTS, WEBHOOK_ATTEMPTS + 1);
    assertThat(service.count("select count(*) from notification.notifications where event_id = $1 and channel = 'webhook'",
        failingConfirmed.eventId())).as("every failed send gave its claim back").isZero();

    Awaiting.eventually(() -> receiver.at(healthyPath).size(), n -> n == 1, "the other customer's POST");
    Awaiting.eventually(() -> mailsAbout(failingOrder).size(), n -> n == 1, "the failing customer's mail");
    Awaiting.eventually(() -> told(failingOrder, "log", "notification.customer-notified"), n -> n == 1, "the log line");
    assertThat(told(failingOrder, "webhook", "notification.customer-notified")).isZero();
    assertThat(service.count("select count(*) from eventlog.dead_letters where group_name <> $1", WEBHOOK)).isZero();
  }

  @Test
  @DisplayName("a webhook that answers 410 is not retried: NotificationFailed is recorded and nothing is dead-lettered")
  void refusedWebhook() {
    String customer = customer();
    String path = "/gone/" + customer;
    choose(customer, "{\"webhook\":{\"url\":\"" + receiver.url(path) + "\"}}");
    UUID orderId = placed(customer);
    customerKnown(orderId);
    Envelope<OrderEvent> rejected = envelope(new OrderEvent.OrderRejected(orderId, "insufficient stock", List.of()));

    await(service.deliver(WEBHOOK, rejected));

    assertThat(receiver.at(path)).hasSize(1);
    assertThat(told(orderId, "webhook", "notification.failed")).isEqualTo(1);
    assertThat(told(orderId, "webhook", "notification.customer-notified")).isZero();
    assertThat(service.count("select count(*) from eventlog.dead_letters where event_id = $1", rejected.eventId())).isZero();
  }

  @Test
  @DisplayName("a customer without preferences is told through the log only, and the order's notifications can be listed")
  void logOnlyByDefault() {
    UUID orderId = placed(customer());
    service.append(envelope(new DeliveryEvent.DeliveryCompleted(orderId, UUID.randomUUID(), Instant.now())));

    Awaiting.eventually(() -> told(orderId, "log", "notification.customer-notified"), n -> n == 1, "the log line");
    JsonObject listed = service.get("/notifications?orderId=" + orderId).bodyAsJsonObject();
    assertThat(listed.getJsonArray("items")).hasSize(1);
    JsonObject item = listed.getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("channel")).isEqualTo("log");
    assertThat(item.getString("topic")).isEqualTo("delivered");
    assertThat(item.getString("status")).isEqualTo("sent");
    assertThat(service.get("/notifications?orderId=nope").statusCode()).isEqualTo(422);
  }

  @Test
  @DisplayName("an event about an order whose customer is not known yet fails its delivery, to be retried")
  void unknownCustomer() {
    Envelope<OrderEvent> confirmed = envelope(new OrderEvent.OrderConfirmed(UUID.randomUUID()));
    Throwable failure = service.deliver(NotificationModule.group(ChannelName.LOG), confirmed)
        .toCompletionStage().toCompletableFuture().handle((ok, error) -> error).join();
    assertThat(failure).isNotNull().hasMessageContaining("no customer known yet");
  }
}
