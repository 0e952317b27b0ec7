package org.orderplatform.bench.orderflow;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** Places one random order and tells the ledger how it was answered. */
final class OrderSender {

  private static final long TIMEOUT_MILLIS = 30_000;

  private final WebClient client;
  private final String ordersUrl;
  private final OrderFactory orders;
  private final FlowLedger ledger;
  private final long measureFromNanos;

  /** @param measureFromNanos orders scheduled from this {@link System#nanoTime()} on are measured (the warm-up is over) */
  OrderSender(WebClient client, String baseUrl, OrderFactory orders, FlowLedger ledger, long measureFromNanos) {
    this.client = client;
    this.ordersUrl = baseUrl + "/orders";
    this.orders = orders;
    this.ledger = ledger;
    this.measureFromNanos = measureFromNanos;
  }

  /** Completes when the answer (or the failure) is recorded; never fails. */
  Future<Void> send(long scheduledNanos) {
    ledger.sent();
    return client.postAbs(ordersUrl).timeout(TIMEOUT_MILLIS).sendJsonObject(orders.next())
        .transform(answer -> {
          record(scheduledNanos, System.nanoTime(), answer);
          return Future.succeededFuture();
        });
  }

  private void record(long scheduledNanos, long answeredNanos, AsyncResult<HttpResponse<Buffer>> answer) {
    boolean measured = scheduledNanos >= measureFromNanos;
    long httpMicros = (answeredNanos - scheduledNanos) / 1_000;
    if (answer.failed()) {
      ledger.failed(Answers.kind(answer.cause()), -1, measured);
      return;
    }
    HttpResponse<Buffer> response = answer.result();
    String orderId = response.statusCode() == 201 ? orderId(response) : null;
    if (orderId != null) {
      long scheduledMicros = Micros.atNanoTime(scheduledNanos);
      ledger.accepted(orderId, scheduledMicros, scheduledMicros + httpMicros, measured);
    } else if (response.statusCode() == 201) {
      ledger.failed("HTTP 201 without an orderId", httpMicros, measured);
    } else {
      ledger.failed(Answers.kind(response), httpMicros, measured);
    }
  }

  private static String orderId(HttpResponse<Buffer> response) {
    try {
      return response.bodyAsJsonObject().getString("orderId");
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
