package org.orderplatform.payment.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.orderplatform.events.Money;
import org.orderplatform.payment.simulator.domain.RefundDecision;
import org.orderplatform.payment.simulator.domain.Screening;
import org.orderplatform.payment.simulator.persistence.Ledger;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code /provider}: the API the payment service calls. Every write names an {@code Idempotency-Key};
 * the same key gets the same answer (201 the first time, 200 with the same body after), and a
 * decline is a 402 problem. Provider errors are 503 problems.
 */
final class ProviderRoutes {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final Vertx vertx;
  private final Ledger ledger;
  private final SimulatorControls controls;
  private final long declineAbove;
  private final Supplier<UUID> ids;

  ProviderRoutes(Vertx vertx, Ledger ledger, SimulatorControls controls, long declineAbove, Supplier<UUID> ids) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.controls = controls;
    this.declineAbove = declineAbove;
    this.ids = ids;
  }

  Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(16 * 1024));
    router.post("/charges").handler(this::charge);
    router.get("/charges/:key").handler(this::show);
    router.post("/refunds").handler(this::refund);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void charge(RoutingContext ctx) {
    controls.received(SimulatorControls.Call.CHARGE);
    String key = idempotencyKey(ctx);
    JsonObject body = Problems.jsonBody(ctx);
    Money amount = amount(body);
    if (!(body.getValue("token") instanceof String token) || token.isBlank()) {
      throw Problem.invalid("token must be a non-empty string").exception();
    }
    failIfDown();
    Screening screening = Screening.of(token, amount.minor(), declineAbove);
    if (screening instanceof Screening.Fail fail) {
      throw unavailable(fail.reason());
    }
    String declined = screening instanceof Screening.Decline decline ? decline.reason() : null;
    delayed(ledger.charge(new Ledger.NewCharge(key, "ch_" + ids.get(), amount.minor(), amount.currency(), token,
        declined))).onSuccess(recorded -> {
          if (recorded.charge().declined()) {
            Problems.respond(ctx, Problem.of(402, "card-declined", "The charge was declined",
                recorded.charge().declineReason()).with("chargeId", recorded.charge().chargeId()));
          } else {
            Problems.reply(ctx, recorded.fresh() ? 201 : 200,
                Future.succeededFuture(LedgerJson.charge(recorded.charge())));
          }
        }).onFailure(ctx::fail);
  }

  private void show(RoutingContext ctx) {
    controls.received(SimulatorControls.Call.LOOKUP);
    failIfDown();
    String key = ctx.pathParam("key");
    Problems.reply(ctx, 200, delayed(ledger.findCharge(key)).map(charge -> {
      if (charge == null) {
        throw Problem.notFound("charge " + key).exception();
      }
      return LedgerJson.charge(charge);
    }));
  }

  private void refund(RoutingContext ctx) {
    controls.received(SimulatorControls.Call.REFUND);
    String key = idempotencyKey(ctx);
    JsonObject body = Problems.jsonBody(ctx);
    Money amount = amount(body);
    if (!(body.getValue("charge") instanceof String chargeKey) || chargeKey.isBlank()) {
      throw Problem.invalid("charge must be the idempotency key of the charge to refund").exception();
    }
    failIfDown();
    delayed(ledger.refund(key, "rf_" + ids.get(), chargeKey, amount.minor(), amount.currency()))
        .onSuccess(result -> answerRefund(ctx, chargeKey, result)).onFailure(ctx::fail);
  }

  private static void answerRefund(RoutingContext ctx, String chargeKey, Ledger.RefundResult result) {
    RefundDecision decision = result.decision();
    if (decision instanceof RefundDecision.Take || decision instanceof RefundDecision.Replay) {
      int status = decision instanceof RefundDecision.Take ? 201 : 200;
      Problems.reply(ctx, status, Future.succeededFuture(LedgerJson.refund(result.refund())));
    } else if (decision instanceof RefundDecision.ChargeNotFound) {
      Problems.respond(ctx, Problem.of(404, "charge-not-found", "No such charge", "no charge with key " + chargeKey));
    } else if (decision instanceof RefundDecision.NothingToRefund nothing) {
      Problems.respond(ctx, Problem.of(409, "nothing-to-refund", "Nothing to refund", nothing.reason()));
    } else if (decision instanceof RefundDecision.Invalid invalid) {
      Problems.respond(ctx, Problem.invalid(invalid.reason()));
    }
  }

  private void failIfDown() {
    if (controls.failsNow()) {
      throw unavailable(controls.outage() ? "outage" : "simulated failure");
    }
  }

  private static RuntimeException unavailable(String reason) {
    return Problem.of(503, "provider-unavailable", "The provider is unavailable", reason).exception();
  }

  // The reply, not the work, is late: with a latency above the caller's timeout the ledger holds a
  // charge whose answer the caller never sees, as with a reply lost on the network.
  private <T> Future<T> delayed(Future<T> result) {
    long millis = controls.latency().toMillis();
    if (millis == 0) {
      return result;
    }
    return result.transform(outcome -> {
      Promise<T> later = Promise.promise();
      vertx.setTimer(millis, id -> later.handle(outcome));
      return later.future();
    });
  }

  private static String idempotencyKey(RoutingContext ctx) {
    String key = ctx.request().getHeader(IDEMPOTENCY_KEY);
    if (key == null || key.isBlank() || key.length() > 200) {
      throw Problem.of(400, "idempotency-key", "Idempotency-Key needed",
          "every write needs an Idempotency-Key header of 1 to 200 characters").exception();
    }
    return key;
  }

  /** {@code amount: {minor, currency}}: whole minor units >= 0 of an ISO currency. */
  static Money amount(JsonObject body) {
    if (body.getValue("amount") instanceof JsonObject amount && amount.getValue("minor") instanceof Number minor
        && (minor instanceof Integer || minor instanceof Long) && minor.longValue() >= 0
        && amount.getValue("currency") instanceof String currency) {
      try {
        return new Money(minor.longValue(), currency);
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("amount: " + e.getMessage()).exception();
      }
    }
    throw Problem.invalid("amount must be {\"minor\": whole number >= 0, \"currency\": \"EUR\"}").exception();
  }
}
