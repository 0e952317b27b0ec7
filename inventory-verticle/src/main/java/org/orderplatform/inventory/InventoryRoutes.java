package org.orderplatform.inventory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Money;
import org.orderplatform.inventory.domain.NewProduct;
import org.orderplatform.inventory.persistence.InventoryRepository;
import org.orderplatform.plumbing.http.HttpInput;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;
import org.orderplatform.messaging.log.EventLog;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code /products}: stock the shop and look at it. */
final class InventoryRoutes {

  private static final int MAX_LIST = 1_000;
  private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";

  private final Pool pool;
  private final InventoryRepository repository;
  private final Clock clock;
  private final Supplier<UUID> ids;

  InventoryRoutes(Pool pool, InventoryRepository repository, Clock clock, Supplier<UUID> ids) {
    this.pool = pool;
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    HttpInput.accept(router, 64 * 1024);
    router.post("/").handler(this::add);
    router.get("/").handler(this::list);
    router.get("/:sku").handler(this::show);
    router.post("/:sku/restock").handler(this::restock);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void add(RoutingContext ctx) {
    JsonObject body = Problems.jsonBody(ctx);
    NewProduct product = parse(body);
    List<String> violations = product.violations();
    if (!violations.isEmpty()) {
      throw Problem.invalid(String.join("; ", violations)).with("violations", new JsonArray(violations)).exception();
    }
    Envelope<InventoryEvent> event = Envelope.of(
        new InventoryEvent.ProductAdded(product.sku(), product.name(), product.price(), product.stock()),
        ids.get(), clock.instant(), ids.get(), null, ctx.request().getHeader("traceparent"));
    Problems.reply(ctx, 201, pool.withTransaction(tx -> repository.insert(tx, product).compose(inserted -> {
      if (!inserted) {
        throw Problem.conflict("product " + product.sku() + " already exists; restock it instead").exception();
      }
      return EventLog.append(tx, event);
    })).compose(v -> repository.find(product.sku())).map(found -> {
      ctx.response().putHeader("location", "/products/" + product.sku());
      return found.orElseThrow().toJson();
    }));
  }

  private void list(RoutingContext ctx) {
    Problems.reply(ctx, 200, repository.list(MAX_LIST).map(products ->
        new JsonObject().put("items", new JsonArray(products.stream().map(p -> p.toJson()).toList()))));
  }

  private void show(RoutingContext ctx) {
    String sku = ctx.pathParam("sku");
    Problems.reply(ctx, 200, repository.find(sku).map(found -> found
        .orElseThrow(() -> Problem.notFound("product " + sku).exception()).toJson()));
  }

  private void restock(RoutingContext ctx) {
    String sku = ctx.pathParam("sku");
    JsonObject body = Problems.jsonBody(ctx);
    if (!(body.getValue("quantity") instanceof Integer quantity) || quantity <= 0 || quantity > NewProduct.MAX_STOCK) {
      throw Problem.invalid("quantity must be a whole number from 1 to " + NewProduct.MAX_STOCK).exception();
    }
    Envelope<InventoryEvent> event = Envelope.of(new InventoryEvent.StockRestocked(sku, quantity),
        ids.get(), clock.instant(), ids.get(), null, ctx.request().getHeader("traceparent"));
    Problems.reply(ctx, 200, pool.withTransaction(tx -> repository.restock(tx, sku, quantity).compose(found -> {
      if (found.isEmpty()) {
        throw Problem.notFound("product " + sku).exception();
      }
      return EventLog.append(tx, event).map(found.get().toJson());
    })).recover(InventoryRoutes::refuseOverflow));
  }

  // On hand is an int column: a restock that would carry it past the top is the caller's to fix,
  // and the transaction has rolled back.
  private static <T> Future<T> refuseOverflow(Throwable failure) {
    if (failure instanceof PgException pg && NUMERIC_VALUE_OUT_OF_RANGE.equals(pg.getSqlState())) {
      return Future.failedFuture(Problem.invalid("stock on hand would pass " + Integer.MAX_VALUE).exception());
    }
    return Future.failedFuture(failure);
  }

  private static NewProduct parse(JsonObject body) {
    Object price = body.getValue("price");
    Money money = null;
    if (price instanceof JsonObject p && p.getValue("minor") instanceof Number minor
        && (minor instanceof Integer || minor instanceof Long) && p.getValue("currency") instanceof String currency) {
      try {
        money = new Money(minor.longValue(), currency);
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("price: " + e.getMessage()).exception();
      }
    }
    Object stock = body.getValue("stock", 0);
    if (!(stock instanceof Integer)) {
      throw Problem.invalid("stock must be a whole number from 0 to " + NewProduct.MAX_STOCK).exception();
    }
    return new NewProduct(body.getValue("sku") instanceof String s ? s : null,
        body.getValue("name") instanceof String n ? n : null, money, (Integer) stock);
  }
}
