package org.orderplatform.payment;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.orderplatform.payment.persistence.PaymentRepository;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.util.UUID;

/** {@code /payments/{orderId}}: an order's charge and refund. */
final class PaymentRoutes {

  private final PaymentRepository repository;

  PaymentRoutes(PaymentRepository repository) {
    this.repository = repository;
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/:orderId").handler(this::show);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void show(RoutingContext ctx) {
    String id = ctx.pathParam("orderId");
    UUID orderId;
    try {
      orderId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      // Not an order id, so no order's payment: the same answer as for an unknown one.
      throw Problem.notFound("payment of order " + id).exception();
    }
    Problems.reply(ctx, 200, repository.view(orderId)
        .map(view -> view.orElseThrow(() -> Problem.notFound("payment of order " + id).exception())));
  }
}
