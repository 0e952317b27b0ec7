package org.orderplatform.order.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.orderplatform.codecs.EventTypes;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Money;
import org.orderplatform.messaging.log.EventStreams;
import org.orderplatform.plumbing.batch.Batcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices from the catalogue projection; concurrent look-ups share one query (see {@link Batcher}).
 *
 * <p>The projection trails the log by a few milliseconds, so a product whose creation was
 * acknowledged just before an order for it may not be in it yet. A SKU the projection lacks is
 * looked up in the log itself, where its {@code ProductAdded} is as soon as it committed: an order
 * is never refused as unknown for a product that exists.
 */
public final class CatalogPrices {

  private static final String PRODUCT_ADDED = EventTypes.typeOf(InventoryEvent.ProductAdded.class).name();

  private final Pool pool;
  private final Batcher<List<String>, Map<String, Money>> batcher;

  public CatalogPrices(Pool pool, OrderRepository repository) {
    this.pool = pool;
    this.batcher = new Batcher<>(2, 256, requests -> repository
        .prices(requests.stream().flatMap(List::stream).distinct().toList())
        .map(prices -> requests.stream().map(skus -> known(prices, skus)).toList()), error -> false);
  }

  /** The prices of those of {@code skus} that exist. */
  public Future<Map<String, Money>> of(List<String> skus) {
    return batcher.submit(skus).compose(found -> found.size() == skus.size() ? Future.succeededFuture(found)
        : fromTheLog(skus.stream().filter(sku -> !found.containsKey(sku)).toList()).map(late -> {
          Map<String, Money> all = new HashMap<>(found);
          all.putAll(late);
          return all;
        }));
  }

  private Future<Map<String, Money>> fromTheLog(List<String> skus) {
    return EventStreams.latestOf(pool, PRODUCT_ADDED, skus).map(events -> {
      Map<String, Money> prices = new HashMap<>();
      events.forEach(event -> {
        InventoryEvent.ProductAdded added = (InventoryEvent.ProductAdded) event.payload();
        prices.put(added.sku(), added.price());
      });
      return prices;
    });
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
