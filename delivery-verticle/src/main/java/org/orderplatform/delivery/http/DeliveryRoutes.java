package org.orderplatform.delivery.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.orderplatform.delivery.application.CarrierReports;
import org.orderplatform.delivery.persistence.ShipmentRepository;
import org.orderplatform.plumbing.http.HttpInput;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.util.List;
import java.util.UUID;

/**
 * {@code /deliveries}: the carrier's callbacks (dispatched, delivered, failed) and the shipments'
 * views. Parses, calls {@link CarrierReports}, maps the outcome.
 */
public final class DeliveryRoutes {

  /** A report the state machine does not allow from where the shipment is. */
  public static final String ILLEGAL_TRANSITION = "illegal-transition";
  private static final int MAX_REASON = 500;

  private final CarrierReports reports;
  private final ShipmentRepository repository;

  public DeliveryRoutes(CarrierReports reports, ShipmentRepository repository) {
    this.reports = reports;
    this.repository = repository;
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    HttpInput.accept(router, 16 * 1024);
    router.get("/").handler(this::byOrder);
    router.get("/:id").handler(this::show);
    router.post("/:id/dispatch").handler(ctx -> reply(ctx, reports.dispatched(deliveryId(ctx), traceparent(ctx))));
    router.post("/:id/deliver").handler(ctx -> reply(ctx, reports.delivered(deliveryId(ctx), traceparent(ctx))));
    router.post("/:id/fail").handler(this::fail);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void fail(RoutingContext ctx) {
    UUID deliveryId = deliveryId(ctx);
    JsonObject body = Problems.jsonBody(ctx);
    if (!(body.getValue("reason") instanceof String reason) || reason.isBlank() || reason.length() > MAX_REASON) {
      throw Problem.invalid("reason must be 1-" + MAX_REASON + " characters saying why the carrier could not deliver")
          .exception();
    }
    reply(ctx, reports.failed(deliveryId, reason.strip(), traceparent(ctx)));
  }

  private void reply(RoutingContext ctx, Future<CarrierReports.Outcome> outcome) {
    Problems.reply(ctx, 200, outcome.map(done -> {
      if (done instanceof CarrierReports.Outcome.UnknownShipment unknown) {
        throw Problem.notFound("delivery " + unknown.deliveryId()).exception();
      }
      if (done instanceof CarrierReports.Outcome.IllegalTransition illegal) {
        String from = illegal.shipment().status().dbName();
        String to = illegal.to().dbName();
        throw Problem.of(409, ILLEGAL_TRANSITION, "The shipment cannot make that move",
                "a " + from + " shipment cannot become " + to)
            .with("status", from).with("requested", to).exception();
      }
      return ShipmentJson.of(((CarrierReports.Outcome.Recorded) done).shipment());
    }));
  }

  private void show(RoutingContext ctx) {
    UUID deliveryId = deliveryId(ctx);
    Problems.reply(ctx, 200, repository.find(deliveryId).map(found -> ShipmentJson.of(found
        .orElseThrow(() -> Problem.notFound("delivery " + deliveryId).exception()))));
  }

  private void byOrder(RoutingContext ctx) {
    List<String> values = ctx.queryParam("orderId");
    UUID orderId = values.size() == 1 ? uuid(values.get(0)) : null;
    if (orderId == null) {
      throw Problem.of(400, "invalid-parameter", "Invalid parameter",
          "give the order's id once: /deliveries?orderId=<uuid>").exception();
    }
    Problems.reply(ctx, 200, repository.findByOrder(orderId).map(found -> ShipmentJson.of(found
        .orElseThrow(() -> Problem.notFound("delivery of order " + orderId).exception()))));
  }

  // Not a delivery id, so no delivery: the same answer as for an unknown one.
  private static UUID deliveryId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    UUID parsed = uuid(id);
    if (parsed == null) {
      throw Problem.notFound("delivery " + id).exception();
    }
    return parsed;
  }

  private static UUID uuid(String text) {
    // UUID.fromString accepts short forms such as 1-2-3-4-5; only the canonical form names a shipment.
    if (text == null || text.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String traceparent(RoutingContext ctx) {
    return ctx.request().getHeader("traceparent");
  }
}
