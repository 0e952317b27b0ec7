package org.orderplatform.order.persistence;

import io.vertx.core.Future;
import org.orderplatform.events.Money;
import org.orderplatform.plumbing.batch.Batcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prices from the catalogue projection; concurrent look-ups share one query (see {@link Batcher}). */
public final class CatalogPrices {

  private final Batcher<List<String>, Map<String, Money>> batcher;

  public CatalogPrices(OrderRepository repository) {
    this.batcher = new Batcher<>(2, 256, requests -> repository
        .prices(requests.stream().flatMap(List::stream).distinct().toList())
        .map(prices -> requests.stream().map(skus -> known(prices, skus)).toList()), error -> false);
  }

  /** The prices of those of {@code skus} the catalogue knows. */
  public Future<Map<String, Money>> of(List<String> skus) {
    return batcher.submit(skus);
  }

  private static Map<String, Money> known(Map<String, Money> prices, List<String> skus) {
    Map<String, Money> found = new HashMap<>();
    skus.forEach(sku -> {
      Money price = prices.get(sku);
      if (price != null) {
        found.put(sku, price);
      }
    });
    return found;
  }
}
