package org.orderplatform.order.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.orderplatform.events.OrderCommand;
import org.orderplatform.messaging.TraceContext;
import org.orderplatform.order.application.CancelOrder;
import org.orderplatform.order.application.OrderQueries;
import org.orderplatform.order.application.PlaceOrder;
import org.orderplatform.order.domain.PlaceOrderDecision;
import org.orderplatform.order.persistence.OrderList;
import org.orderplatform.order.persistence.PlacementWriter.IdempotencyKey;
import org.orderplatform.plumbing.logging.LogContext;
import org.orderplatform.plumbing.http.HttpInput;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** {@code /orders}: place an order, list orders, read one (now or as it was) and its history, cancel one. */
public final class OrderRoutes {

  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private final PlaceOrder placeOrder;
  private final CancelOrder cancelOrder;
  private final OrderQueries queries;
  private final OrderList list;
  private final Supplier<UUID> ids;

  public OrderRoutes(PlaceOrder placeOrder, CancelOrder cancelOrder, OrderQueries queries, OrderList list,
                     Supplier<UUID> ids) {
    this.placeOrder = placeOrder;
    this.cancelOrder = cancelOrder;
    this.queries = queries;
    this.list = list;
    this.ids = ids;
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    HttpInput.accept(router, 256 * 1024);
    router.post("/").handler(this::place);
    router.get("/").handler(this::list);
    router.get("/:id").handler(this::show);
    router.post("/:id/cancel").handler(this::cancel);
    router.get("/:id/history").handler(this::history);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void place(RoutingContext ctx) {
    OrderCommand.PlaceOrder command = PlaceOrderRequest.parse(Problems.jsonBody(ctx), ids.get());
    Future<PlaceOrder.Outcome> outcome = placeOrder.place(command, idempotencyKey(ctx),
        ctx.request().getHeader("traceparent"));
    outcome.onSuccess(result -> {
      if (result instanceof PlaceOrder.Outcome.Created created) {
        aboutOrder(created.order().orderId());
        ctx.response().putHeader("location", "/orders/" + created.order().orderId());
        Problems.reply(ctx, 201, Future.succeededFuture(OrderView.toJson(created.order())));
      } else if (result instanceof PlaceOrder.Outcome.Replayed replayed) {
        aboutOrder(replayed.order().orderId());
        ctx.response().putHeader("location", "/orders/" + replayed.order().orderId());
        Problems.reply(ctx, 200, Future.succeededFuture(OrderView.toJson(replayed.order())));
      } else if (result instanceof PlaceOrder.Outcome.KeyReused reused) {
        ctx.fail(Problem.of(409, "idempotency-key-reused", "Idempotency-Key already used",
            "this Idempotency-Key placed order " + reused.orderId() + " with a different body").exception());
      } else {
        ctx.fail(refusal(((PlaceOrder.Outcome.Refused) result).decision()));
      }
    }).onFailure(ctx::fail);
  }

  private static IdempotencyKey idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader("Idempotency-Key");
    if (key == null) {
      return null;
    }
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw Problem.invalid("Idempotency-Key must be 1-200 visible ASCII characters").exception();
    }
    return new IdempotencyKey(key, sha256(ctx.body().buffer().getBytes()));
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static Problem.ProblemException refusal(PlaceOrderDecision decision) {
    if (decision instanceof PlaceOrderDecision.UnknownProducts unknown) {
      return Problem.of(422, "unknown-product", "Unknown product", "no such product: " + String.join(", ", unknown.skus()))
          .with("skus", new JsonArray(unknown.skus())).exception();
    }
    PlaceOrderDecision.MixedCurrencies mixed = (PlaceOrderDecision.MixedCurrencies) decision;
    return Problem.of(422, "mixed-currencies", "Items priced in different currencies",
        "one order is paid in one currency, got " + String.join(", ", mixed.currencies())).exception();
  }

  private void show(RoutingContext ctx) {
    UUID orderId = orderId(ctx);
    Instant asOf = asOf(ctx.queryParams().get("asOf"));
    Problems.reply(ctx, 200, queries.find(orderId, asOf).map(found -> OrderView.toJson(found.orElseThrow(() ->
        Problem.notFound("order " + orderId + (asOf == null ? "" : " as of " + asOf)).exception()))));
  }

  private void list(RoutingContext ctx) {
    ListRequest request = ListRequest.parse(ctx.queryParams());
    Problems.reply(ctx, 200, list.page(request.customerId(), request.status(), request.after(), request.limit())
        .map(ListRequest::toJson));
  }

  private void cancel(RoutingContext ctx) {
    UUID orderId = orderId(ctx);
    aboutOrder(orderId);
    Object reason = Problems.jsonBody(ctx).getValue("reason");
    if (!(reason instanceof String text) || text.isBlank() || text.length() > 500) {
      throw Problem.invalid("reason is required: text of 1-500 characters").exception();
    }
    Problems.reply(ctx, 200, cancelOrder.cancel(orderId, text).map(outcome -> {
      if (outcome instanceof CancelOrder.Outcome.Cancelling cancelling) {
        return OrderView.toJson(cancelling.order());
      }
      if (outcome instanceof CancelOrder.Outcome.AlreadyCancelled cancelled) {
        return OrderView.toJson(cancelled.order());
      }
      if (outcome instanceof CancelOrder.Outcome.TooLate late) {
        throw Problem.of(409, "order-not-cancellable", "The order can no longer be cancelled",
            "order " + orderId + " is " + late.order().status()).with("status", late.order().status().name()).exception();
      }
      throw Problem.notFound("order " + orderId).exception();
    }));
  }

  private void history(RoutingContext ctx) {
    UUID orderId = orderId(ctx);
    Problems.reply(ctx, 200, queries.history(orderId).map(events -> {
      if (events.isEmpty()) {
        throw Problem.notFound("order " + orderId).exception();
      }
      return HistoryView.toJson(orderId, events);
    }));
  }

  /**
   * The rest of this request's lines are about {@code orderId}, in the request's trace. Only for
   * requests that change an order: a read has a trace of its own, and would name the order's lines
   * with a second trace id.
   */
  private static void aboutOrder(UUID orderId) {
    LogContext.enter(orderId, TraceContext.current());
  }

  private static UUID orderId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("order " + id).exception();
    }
  }

  private static Instant asOf(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw Problem.of(400, "invalid-parameter", "Invalid parameter",
          "asOf must be an ISO-8601 instant such as 2026-11-27T10:15:30Z").exception();
    }
  }
}
