package org.orderplatform.order;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderCommand;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.StockLine;
import org.orderplatform.plumbing.http.HttpInput;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.order.domain.Orders;
import org.orderplatform.order.domain.PlaceOrderDecision;
import org.orderplatform.order.persistence.CatalogPrices;
import org.orderplatform.order.persistence.OrderRepository;
import org.orderplatform.order.persistence.PlacementWriter;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/** {@code /orders}: place an order and read it back. */
final class OrderRoutes {

  private final OrderRepository repository;
  private final PlacementWriter placements;
  private final CatalogPrices prices;
  private final Clock clock;
  private final Supplier<UUID> ids;

  OrderRoutes(PlacementWriter placements, CatalogPrices prices, OrderRepository repository, Clock clock,
              Supplier<UUID> ids) {
    this.placements = placements;
    this.prices = prices;
    this.repository = repository;
    this.clock = clock;
    this.ids = ids;
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    HttpInput.accept(router, 256 * 1024);
    router.post("/").handler(this::place);
    router.get("/:id").handler(this::show);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void place(RoutingContext ctx) {
    OrderCommand.PlaceOrder command = PlaceOrderRequest.parse(Problems.jsonBody(ctx), ids.get());
    String traceparent = ctx.request().getHeader("traceparent");
    Future<OrderState> placed = prices.of(command.items().stream().map(StockLine::sku).distinct().toList())
        .map(prices -> accepted(Orders.place(command, prices)))
        .compose(event -> {
          var at = clock.instant();
          OrderState state = OrderState.placed(event, at);
          Envelope<OrderEvent> envelope = Envelope.of(event, ids.get(), at, ids.get(), null, traceparent);
          return placements.store(state, envelope).map(state);
        });
    placed.onSuccess(state -> ctx.response().putHeader("location", "/orders/" + state.orderId()));
    Problems.reply(ctx, 201, placed.map(OrderView::toJson));
  }

  private static OrderEvent.OrderPlaced accepted(PlaceOrderDecision decision) {
    if (decision instanceof PlaceOrderDecision.Accepted accepted) {
      return accepted.placed();
    }
    if (decision instanceof PlaceOrderDecision.UnknownProducts unknown) {
      throw Problem.of(422, "unknown-product", "Unknown product", "no such product: " + String.join(", ", unknown.skus()))
          .with("skus", new JsonArray(unknown.skus())).exception();
    }
    PlaceOrderDecision.MixedCurrencies mixed = (PlaceOrderDecision.MixedCurrencies) decision;
    throw Problem.of(422, "mixed-currencies", "Items priced in different currencies",
        "one order is paid in one currency, got " + String.join(", ", mixed.currencies())).exception();
  }

  private void show(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    UUID orderId;
    try {
      orderId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("order " + id).exception();
    }
    Problems.reply(ctx, 200, repository.find(orderId).map(found -> OrderView.toJson(
        found.orElseThrow(() -> Problem.notFound("order " + id).exception()))));
  }
}
