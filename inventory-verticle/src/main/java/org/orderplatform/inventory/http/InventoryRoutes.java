package org.orderplatform.inventory.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.orderplatform.events.Money;
import org.orderplatform.inventory.application.StockProducts;
import org.orderplatform.inventory.domain.NewProduct;
import org.orderplatform.inventory.persistence.InventoryRepository;
import org.orderplatform.plumbing.http.HttpInput;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

/** {@code /products}: stock the shop and look at it. Parses, calls {@link StockProducts}, maps the outcome. */
public final class InventoryRoutes {

  private static final int MAX_LIST = 1_000;

  private final StockProducts stockProducts;
  private final InventoryRepository repository;

  public InventoryRoutes(StockProducts stockProducts, InventoryRepository repository) {
    this.stockProducts = stockProducts;
    this.repository = repository;
  }

  public Router router(Vertx vertx) {
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
    NewProduct product = parse(Problems.jsonBody(ctx));
    Problems.reply(ctx, 201, stockProducts.add(product, ctx.request().getHeader("traceparent")).map(added -> {
      if (added instanceof StockProducts.Added.Invalid invalid) {
        throw Problem.invalid(String.join("; ", invalid.violations()))
            .with("violations", new JsonArray(invalid.violations())).exception();
      }
      if (added instanceof StockProducts.Added.AlreadyExists exists) {
        throw Problem.conflict("product " + exists.sku() + " already exists; restock it instead").exception();
      }
      ctx.response().putHeader("location", "/products/" + product.sku());
      return ((StockProducts.Added.Stored) added).product().toJson();
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
    Problems.reply(ctx, 200, stockProducts.restock(sku, quantity, ctx.request().getHeader("traceparent")).map(done -> {
      if (done instanceof StockProducts.Restocked.UnknownProduct) {
        throw Problem.notFound("product " + sku).exception();
      }
      if (done instanceof StockProducts.Restocked.WouldOverflow) {
        throw Problem.invalid("stock on hand would pass " + Integer.MAX_VALUE).exception();
      }
      return ((StockProducts.Restocked.Stored) done).product().toJson();
    }));
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
