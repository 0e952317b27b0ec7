package org.orderplatform.payment;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.Money;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;

/** Requests as the saga sends them, and what the tests read back from the log, the ledger and the simulator. */
final class Payments {

  private Payments() {
  }

  static Envelope<OrderEvent> requested(UUID orderId, long minor, String token) {
    return envelope(new OrderEvent.PaymentRequested(orderId, UUID.nameUUIDFromBytes(orderId.toString().getBytes()),
        new Money(minor, "EUR"), token));
  }

  static Envelope<OrderEvent> refundRequested(UUID orderId, long minor) {
    return envelope(new OrderEvent.RefundRequested(orderId, UUID.nameUUIDFromBytes(orderId.toString().getBytes()),
        new Money(minor, "EUR"), "order cancelled"));
  }

  static Envelope<OrderEvent> envelope(OrderEvent event) {
    return Envelope.of(event, UUID.randomUUID(), Instant.now(), UUID.randomUUID(), null, null);
  }

  /** The payment events answering this order, oldest first, as "type" strings. */
  static List<String> answers(ServiceHarness service, UUID orderId) {
    List<String> types = new ArrayList<>();
    await(service.pool.preparedQuery(
            "select type from eventlog.events where aggregate_id = $1 and type like 'payment.%' order by id")
        .execute(Tuple.of(orderId.toString()))).forEach(row -> types.add(row.getString("type")));
    return types;
  }

  static JsonObject lastAnswer(ServiceHarness service, UUID orderId) {
    var row = service.row("select payload::text as payload, headers::text as headers from eventlog.events"
        + " where aggregate_id = $1 and type like 'payment.%' order by id desc limit 1", orderId.toString());
    assertThat(row).as("an answer for " + orderId).isNotNull();
    return new JsonObject(row.getString("payload")).put("_headers", new JsonObject(row.getString("headers")));
  }

  static long ledgerCharges(ServiceHarness service, UUID orderId) {
    return service.count("select count(*) from payment_provider.charges where idempotency_key = $1", orderId.toString());
  }

  /** Calls the simulator received so far: charges, refunds, lookups. */
  static long calls(ServiceHarness service, String kind) {
    HttpResponse<Buffer> state = service.get("/simulator/state");
    assertThat(state.statusCode()).isEqualTo(200);
    return state.bodyAsJsonObject().getJsonObject("calls").getLong(kind);
  }

  static void outage(ServiceHarness service, boolean enabled) {
    assertThat(service.post("/simulator/outage", "{\"enabled\":" + enabled + "}").statusCode()).isEqualTo(200);
  }

  static void latency(ServiceHarness service, String latency) {
    assertThat(service.post("/simulator/latency", "{\"latency\":\"" + latency + "\"}").statusCode()).isEqualTo(200);
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/" + type);
  }
}
