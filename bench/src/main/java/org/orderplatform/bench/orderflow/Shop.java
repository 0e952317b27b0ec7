package org.orderplatform.bench.orderflow;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stocks the benchmark's products through the inventory service and waits until the order service
 * knows their prices, which it learns asynchronously from the log.
 */
final class Shop {

  /** Enough that no order of a run is rejected for stock; a rejection would count as an error. */
  static final int STOCK = 10_000_000;
  private static final int PARALLEL = 16;
  /** {@code POST /orders} accepts at most 100 lines. */
  private static final int PROBE_LINES = 100;
  private static final long RETRY_MILLIS = 100;

  private final Vertx vertx;
  private final WebClient client;

  Shop(Vertx vertx, WebClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  /** Adds each product; one that exists already (a rerun against the same platform) is restocked. */
  Future<Void> stock(String inventoryUrl, List<String> skus) {
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < skus.size(); from += PARALLEL) {
      List<String> batch = skus.subList(from, Math.min(skus.size(), from + PARALLEL));
      chain = chain.compose(v -> Future.all(batch.stream().map(sku -> add(inventoryUrl, sku)).toList()).mapEmpty());
    }
    return chain;
  }

  private Future<Void> add(String inventoryUrl, String sku) {
    JsonObject product = new JsonObject().put("sku", sku).put("name", "Bench product " + sku)
        .put("price", new JsonObject().put("minor", 100 + Math.abs(sku.hashCode() % 5_000)).put("currency", "EUR"))
        .put("stock", STOCK);
    return client.postAbs(inventoryUrl + "/products").sendJsonObject(product).compose(response -> {
      if (response.statusCode() == 201) {
        return Future.succeededFuture();
      }
      if (response.statusCode() == 409) {
        return client.postAbs(inventoryUrl + "/products/" + sku + "/restock")
            .sendJsonObject(new JsonObject().put("quantity", STOCK / 10)).compose(Shop::expectOk);
      }
      return Future.failedFuture("stocking " + sku + ": " + Answers.describe(response));
    });
  }

  /**
   * Places one probe order per 100 SKUs until each is accepted: an unknown product answers 422
   * {@code unknown-product}. The probes are real orders, placed before the run and not counted.
   */
  Future<Void> awaitCatalog(String ordersUrl, List<String> skus, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    List<Future<Void>> probes = new ArrayList<>();
    for (int from = 0; from < skus.size(); from += PROBE_LINES) {
      JsonObject probe = OrderFactory.probe(skus.subList(from, Math.min(skus.size(), from + PROBE_LINES)));
      probes.add(probe(ordersUrl, probe, deadline));
    }
    return Future.all(probes).mapEmpty();
  }

  private Future<Void> probe(String ordersUrl, JsonObject order, long deadline) {
    return client.postAbs(ordersUrl + "/orders").sendJsonObject(order).compose(response -> {
      if (response.statusCode() == 201) {
        return Future.succeededFuture();
      }
      if (!Answers.kind(response).endsWith("/problems/unknown-product")) {
        return Future.failedFuture("probing the order service's catalog: " + Answers.describe(response));
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture("the order service still does not know every product: " + Answers.describe(response));
      }
      return vertx.timer(RETRY_MILLIS).compose(v -> probe(ordersUrl, order, deadline));
    });
  }

  private static Future<Void> expectOk(HttpResponse<Buffer> response) {
    return response.statusCode() / 100 == 2 ? Future.succeededFuture()
        : Future.failedFuture("restocking: " + Answers.describe(response));
  }
}
