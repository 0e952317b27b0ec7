package org.orderplatform.payment.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.orderplatform.payment.simulator.persistence.Ledger;
import org.orderplatform.plumbing.config.Durations;
import org.orderplatform.plumbing.config.Numbers;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.time.Duration;

/**
 * {@code /simulator}: switches an outage or a latency at runtime, shows the calls received, and
 * lists the ledger for an audit.
 */
final class SimulatorRoutes {

  private static final int MAX_LIST = 1_000;

  private final Vertx vertx;
  private final Ledger ledger;
  private final SimulatorControls controls;

  SimulatorRoutes(Vertx vertx, Ledger ledger, SimulatorControls controls) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.controls = controls;
  }

  Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(4 * 1024));
    router.get("/state").handler(ctx -> Problems.reply(ctx, 200, Future.succeededFuture(controls.toJson())));
    router.post("/outage").handler(this::outage);
    router.post("/latency").handler(this::latency);
    router.get("/ledger").handler(this::ledger);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void outage(RoutingContext ctx) {
    if (!(Problems.jsonBody(ctx).getValue("enabled") instanceof Boolean enabled)) {
      throw Problem.invalid("enabled must be true or false").exception();
    }
    controls.outage(enabled);
    Problems.reply(ctx, 200, Future.succeededFuture(controls.toJson()));
  }

  private void latency(RoutingContext ctx) {
    if (!(Problems.jsonBody(ctx).getValue("latency") instanceof String value)) {
      throw Problem.invalid("latency must be a duration such as \"0ms\", \"500ms\" or \"2s\"").exception();
    }
    try {
      controls.latency(Durations.parse(value, Duration.ZERO, "latency", Duration.ZERO, SimulatorSettings.MAX_LATENCY));
    } catch (IllegalArgumentException e) {
      throw Problem.invalid(e.getMessage()).exception();
    }
    Problems.reply(ctx, 200, Future.succeededFuture(controls.toJson()));
  }

  private void ledger(RoutingContext ctx) {
    int limit;
    try {
      limit = Numbers.integer(ctx.request().getParam("limit"), 100, "limit", 1, MAX_LIST);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid(e.getMessage()).exception();
    }
    var charges = ledger.recentCharges(limit);
    var refunds = ledger.recentRefunds(limit);
    Problems.reply(ctx, 200, Future.all(charges, refunds).map(v -> new JsonObject()
        .put("charges", new JsonArray(charges.result().stream().map(LedgerJson::charge).toList()))
        .put("refunds", new JsonArray(refunds.result().stream().map(LedgerJson::refund).toList()))));
  }
}
