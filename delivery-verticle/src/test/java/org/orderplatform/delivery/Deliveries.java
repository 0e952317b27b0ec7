package org.orderplatform.delivery;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Address;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.StockLine;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;

/** Requests as the saga sends them, and what the tests read back from the log. */
final class Deliveries {

  private Deliveries() {
  }

  static Envelope<OrderEvent> requested(UUID orderId, String country) {
    return envelope(orderId, new OrderEvent.DeliveryRequested(orderId, "c-1",
        new Address("1 Main St", null, "75001", "Paris", country), List.of(new StockLine("TEA-1", 3))));
  }

  static Envelope<OrderEvent> cancellationRequested(UUID orderId) {
    return envelope(orderId, new OrderEvent.DeliveryCancellationRequested(orderId, "customer cancelled"));
  }

  /** As the saga writes them: the order id correlates the order's whole flow. */
  static Envelope<OrderEvent> envelope(UUID orderId, OrderEvent event) {
    return Envelope.of(event, UUID.randomUUID(), Instant.now(), orderId, null, null);
  }

  /** The delivery events of this order, oldest first, as "type" strings. */
  static List<String> answers(ServiceHarness service, UUID orderId) {
    List<String> types = new ArrayList<>();
    await(service.pool.preparedQuery(
            "select type from eventlog.events where aggregate_id = $1 and type like 'delivery.%' order by id")
        .execute(Tuple.of(orderId.toString()))).forEach(row -> types.add(row.getString("type")));
    return types;
  }

  static List<String> awaitAnswers(ServiceHarness service, UUID orderId, int count) {
    return Awaiting.eventually(() -> answers(service, orderId), types -> types.size() >= count,
        count + " delivery answers for order " + orderId);
  }

  /** The newest delivery event of this order: its payload, with its headers under "_headers". */
  static JsonObject lastAnswer(ServiceHarness service, UUID orderId) {
    var row = service.row("select payload::text as payload, headers::text as headers from eventlog.events"
        + " where aggregate_id = $1 and type like 'delivery.%' order by id desc limit 1", orderId.toString());
    assertThat(row).as("an answer for " + orderId).isNotNull();
    return new JsonObject(row.getString("payload")).put("_headers", new JsonObject(row.getString("headers")));
  }

  /** Waits until the group has handled the event (its inbox row): for "nothing happened" without a sleep. */
  static void awaitHandled(ServiceHarness service, Envelope<?> envelope) {
    Awaiting.eventually(() -> service.count("select count(*) from eventlog.inbox where group_name = $1 and event_id = $2",
        DeliveryModule.GROUP, envelope.eventId()), n -> n == 1, "the delivery group to handle " + envelope.type());
  }

  static UUID deliveryId(ServiceHarness service, UUID orderId) {
    return service.row("select delivery_id from delivery.shipments where order_id = $1", orderId).getUUID("delivery_id");
  }

  static String status(ServiceHarness service, UUID orderId) {
    return service.row("select status from delivery.shipments where order_id = $1", orderId).getString("status");
  }

  /** Plays the saga's request and waits for the shipment to be scheduled; answers its delivery id. */
  static UUID schedule(ServiceHarness service, UUID orderId, String country) {
    service.append(requested(orderId, country));
    assertThat(awaitAnswers(service, orderId, 1)).containsExactly("delivery.scheduled");
    return deliveryId(service, orderId);
  }
}
