package org.orderplatform.delivery;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.delivery.Deliveries.answers;
import static org.orderplatform.delivery.Deliveries.awaitAnswers;
import static org.orderplatform.delivery.Deliveries.lastAnswer;
import static org.orderplatform.delivery.Deliveries.schedule;
import static org.orderplatform.delivery.Deliveries.status;

/** The delivery service through the real dispatcher, inbox and HTTP server, on PostgreSQL. */
class DeliveryFlowTest {

  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(Map.of("DELIVERY_CARRIERS", "FR=colissimo:2,DE=dhl:3,*=ups:5"),
        new ServiceHarness.Hosting(DeliveryModule.SCHEMA, DeliveryModule::new));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("a delivery to France is scheduled with the configured carrier, a tracking number and a date two days on")
  void scheduledWithTheCountrysCarrier() {
    UUID orderId = UUID.randomUUID();
    Envelope<OrderEvent> request = Deliveries.requested(orderId, "FR");
    service.append(request);

    assertThat(awaitAnswers(service, orderId, 1)).containsExactly("delivery.scheduled");
    JsonObject scheduled = lastAnswer(service, orderId);
    assertThat(scheduled.getString("carrier")).isEqualTo("colissimo");
    assertThat(scheduled.getString("trackingNumber")).matches("COL-[0-9A-F]{32}");
    assertThat(scheduled.getString("deliveryId")).isEqualTo(Deliveries.deliveryId(service, orderId).toString());
    LocalDate scheduledDay = LocalDate.ofInstant(Instant.parse(scheduled.getString("scheduledFor")), ZoneOffset.UTC);
    assertThat(LocalDate.parse(scheduled.getString("estimatedDelivery"))).isEqualTo(scheduledDay.plusDays(2));
    assertThat(scheduled.getJsonObject("address").getString("country")).isEqualTo("FR");
    assertThat(scheduled.getJsonObject("_headers").getString("causationId")).isEqualTo(request.eventId().toString());
    assertThat(scheduled.getJsonObject("_headers").getString("correlationId")).isEqualTo(orderId.toString());
    assertThat(status(service, orderId)).isEqualTo("scheduled");
  }

  @Test
  @DisplayName("a delivery to a country not configured goes with the default carrier and its days")
  void defaultCarrier() {
    UUID orderId = UUID.randomUUID();
    schedule(service, orderId, "ES");

    JsonObject scheduled = lastAnswer(service, orderId);
    assertThat(scheduled.getString("carrier")).isEqualTo("ups");
    LocalDate scheduledDay = LocalDate.ofInstant(Instant.parse(scheduled.getString("scheduledFor")), ZoneOffset.UTC);
    assertThat(LocalDate.parse(scheduled.getString("estimatedDelivery"))).isEqualTo(scheduledDay.plusDays(5));
  }

  @Test
  @DisplayName("a second DeliveryRequested for the same order schedules nothing new")
  void secondRequestSchedulesNothing() {
    UUID orderId = UUID.randomUUID();
    UUID deliveryId = schedule(service, orderId, "FR");

    Envelope<OrderEvent> again = Deliveries.requested(orderId, "DE");
    service.append(again);
    Deliveries.awaitHandled(service, again);

    assertThat(answers(service, orderId)).containsExactly("delivery.scheduled");
    assertThat(service.count("select count(*) from delivery.shipments where order_id = $1", orderId)).isEqualTo(1);
    assertThat(Deliveries.deliveryId(service, orderId)).isEqualTo(deliveryId);
  }

  @Test
  @DisplayName("the carrier's dispatch and delivery reports move the shipment on and emit their events")
  void dispatchThenDeliver() {
    UUID orderId = UUID.randomUUID();
    UUID deliveryId = schedule(service, orderId, "FR");

    HttpResponse<Buffer> dispatched = service.post("/deliveries/" + deliveryId + "/dispatch", "",
        Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    assertThat(dispatched.statusCode()).as(dispatched.bodyAsString()).isEqualTo(200);
    assertThat(dispatched.bodyAsJsonObject().getString("status")).isEqualTo("dispatched");
    JsonObject event = lastAnswer(service, orderId);
    assertThat(event.getString("trackingNumber")).isEqualTo(dispatched.bodyAsJsonObject().getString("trackingNumber"));
    assertThat(event.getJsonObject("_headers").getString("correlationId")).isEqualTo(orderId.toString());
    assertThat(event.getJsonObject("_headers").getString("traceparent")).startsWith("00-0af7651916cd43dd");

    HttpResponse<Buffer> delivered = service.post("/deliveries/" + deliveryId + "/deliver", "");
    assertThat(delivered.statusCode()).as(delivered.bodyAsString()).isEqualTo(200);
    assertThat(delivered.bodyAsJsonObject().getString("status")).isEqualTo("delivered");
    assertThat(delivered.bodyAsJsonObject().getString("deliveredAt")).isNotNull();
    assertThat(answers(service, orderId)).containsExactly("delivery.scheduled", "delivery.dispatched", "delivery.completed");
    assertThat(lastAnswer(service, orderId).getString("deliveredAt"))
        .isEqualTo(delivered.bodyAsJsonObject().getString("deliveredAt"));
  }

  @Test
  @DisplayName("a failure report with its reason fails the shipment and says why")
  void failure() {
    UUID orderId = UUID.randomUUID();
    UUID deliveryId = schedule(service, orderId, "FR");
    service.post("/deliveries/" + deliveryId + "/dispatch", "");

    HttpResponse<Buffer> failed = service.post("/deliveries/" + deliveryId + "/fail", "{\"reason\":\"address not found\"}");

    assertThat(failed.statusCode()).as(failed.bodyAsString()).isEqualTo(200);
    assertThat(failed.bodyAsJsonObject().getString("status")).isEqualTo("failed");
    assertThat(answers(service, orderId)).containsExactly("delivery.scheduled", "delivery.dispatched", "delivery.failed");
    assertThat(lastAnswer(service, orderId).getString("reason")).isEqualTo("address not found");
  }

  @Test
  @DisplayName("an illegal transition is a 409 problem and changes nothing")
  void illegalTransition() {
    UUID orderId = UUID.randomUUID();
    UUID deliveryId = schedule(service, orderId, "FR");

    HttpResponse<Buffer> early = service.post("/deliveries/" + deliveryId + "/deliver", "");

    assertProblem(early, 409, "/problems/illegal-transition");
    assertThat(early.bodyAsJsonObject().getString("status")).isEqualTo("scheduled");
    assertThat(early.bodyAsJsonObject().getString("requested")).isEqualTo("delivered");
    assertThat(status(service, orderId)).isEqualTo("scheduled");
    assertThat(answers(service, orderId)).containsExactly("delivery.scheduled");

    service.post("/deliveries/" + deliveryId + "/dispatch", "");
    assertProblem(service.post("/deliveries/" + deliveryId + "/dispatch", ""), 409, "/problems/illegal-transition");
    assertThat(answers(service, orderId)).containsExactly("delivery.scheduled", "delivery.dispatched");
  }

  @Test
  @DisplayName("a cancellation before dispatch cancels the shipment; the carrier cannot dispatch it afterwards")
  void cancelledBeforeDispatch() {
    UUID orderId = UUID.randomUUID();
    UUID deliveryId = schedule(service, orderId, "FR");

    Envelope<OrderEvent> cancel = Deliveries.cancellationRequested(orderId);
    service.append(cancel);

    assertThat(awaitAnswers(service, orderId, 2)).containsExactly("delivery.scheduled", "delivery.cancelled");
    JsonObject cancelled = lastAnswer(service, orderId);
    assertThat(cancelled.getString("reason")).isEqualTo("customer cancelled");
    assertThat(cancelled.getJsonObject("_headers").getString("causationId")).isEqualTo(cancel.eventId().toString());
    assertThat(status(service, orderId)).isEqualTo("cancelled");
    assertProblem(service.post("/deliveries/" + deliveryId + "/dispatch", ""), 409, "/problems/illegal-transition");
  }

  @Test
  @DisplayName("a request and its cancellation committed together end cancelled, in that order")
  void requestAndCancellationInOneBatch() {
    UUID orderId = UUID.randomUUID();
    service.appendAll(java.util.List.of(Deliveries.requested(orderId, "FR"), Deliveries.cancellationRequested(orderId)));

    assertThat(awaitAnswers(service, orderId, 2)).containsExactly("delivery.scheduled", "delivery.cancelled");
    assertThat(status(service, orderId)).isEqualTo("cancelled");
  }

  @Test
  @DisplayName("a cancellation after dispatch is refused and the shipment goes on")
  void refusedAfterDispatch() {
    UUID orderId = UUID.randomUUID();
    UUID deliveryId = schedule(service, orderId, "FR");
    assertThat(service.post("/deliveries/" + deliveryId + "/dispatch", "").statusCode()).isEqualTo(200);

    service.append(Deliveries.cancellationRequested(orderId));

    assertThat(awaitAnswers(service, orderId, 3))
        .containsExactly("delivery.scheduled", "delivery.dispatched", "delivery.cancellation-refused");
    assertThat(lastAnswer(service, orderId).getString("reason")).contains("dispatched");
    assertThat(status(service, orderId)).isEqualTo("dispatched");
  }

  @Test
  @DisplayName("a cancellation for an order with no shipment fails its delivery (to dead-letter) and writes nothing")
  void cancellationWithoutShipment() {
    UUID orderId = UUID.randomUUID();

    Throwable failure = Awaiting.await(service.deliver(DeliveryModule.GROUP, Deliveries.cancellationRequested(orderId))
        .map(reply -> (Throwable) null).recover(io.vertx.core.Future::succeededFuture));

    assertThat(failure).as("the delivery is refused").isNotNull();
    assertThat(failure.getMessage()).contains("no shipment for order " + orderId);
    assertThat(answers(service, orderId)).isEmpty();
    assertThat(service.count("select count(*) from delivery.shipments where order_id = $1", orderId)).isZero();
  }

  @Test
  @DisplayName("GET /deliveries/{id} and ?orderId= show the shipment; unknown ids are 404, a bad query 400")
  void views() {
    UUID orderId = UUID.randomUUID();
    UUID deliveryId = schedule(service, orderId, "DE");

    HttpResponse<Buffer> byId = service.get("/deliveries/" + deliveryId);
    assertThat(byId.statusCode()).isEqualTo(200);
    JsonObject view = byId.bodyAsJsonObject();
    assertThat(view.getString("orderId")).isEqualTo(orderId.toString());
    assertThat(view.getString("status")).isEqualTo("scheduled");
    assertThat(view.getString("carrier")).isEqualTo("dhl");
    assertThat(view.getJsonArray("lines").getJsonObject(0).getInteger("quantity")).isEqualTo(3);
    assertThat(service.get("/deliveries?orderId=" + orderId).bodyAsJsonObject()).isEqualTo(view);

    assertProblem(service.get("/deliveries/" + UUID.randomUUID()), 404, "/problems/not-found");
    assertProblem(service.get("/deliveries/not-a-uuid"), 404, "/problems/not-found");
    assertProblem(service.get("/deliveries?orderId=" + UUID.randomUUID()), 404, "/problems/not-found");
    assertProblem(service.get("/deliveries?orderId=nope"), 400, "/problems/invalid-parameter");
    assertProblem(service.get("/deliveries"), 400, "/problems/invalid-parameter");
    assertProblem(service.get("/deliveries?orderId=" + orderId + "&orderId=" + orderId), 400,
        "/problems/invalid-parameter");
  }

  @Test
  @DisplayName("a report on an unknown shipment is 404; a failure without a reason 422, a body not JSON 415")
  void badReports() {
    UUID orderId = UUID.randomUUID();
    UUID deliveryId = schedule(service, orderId, "FR");

    assertProblem(service.post("/deliveries/" + UUID.randomUUID() + "/dispatch", ""), 404, "/problems/not-found");
    assertProblem(service.post("/deliveries/x/deliver", ""), 404, "/problems/not-found");
    assertProblem(service.post("/deliveries/" + deliveryId + "/fail", "{}"), 422, "/problems/validation");
    assertProblem(service.post("/deliveries/" + deliveryId + "/fail", "{\"reason\":\"  \"}"), 422, "/problems/validation");
    assertProblem(service.post("/deliveries/" + deliveryId + "/fail", "{\"reason\":7}"), 422, "/problems/validation");
    assertProblem(service.post("/deliveries/" + deliveryId + "/fail", "text/plain", Buffer.buffer("lost")), 415,
        "/problems/unsupported-media-type");
    assertProblem(service.post("/deliveries/" + deliveryId + "/fail", "{\"reason\":"), 400, "/problems/malformed-json");
    assertThat(status(service, orderId)).isEqualTo("scheduled");
    assertThat(answers(service, orderId)).containsExactly("delivery.scheduled");
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo(Problem.CONTENT_TYPE);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo(type);
  }
}
