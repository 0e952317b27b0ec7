package org.orderplatform.messaging.admin;

import io.vertx.ext.web.RoutingContext;
import org.orderplatform.plumbing.http.Problem;

/** How every admin route reads its query and path parameters: a bad one is a 4xx problem, never a 500. */
final class AdminParams {

  private AdminParams() {
  }

  /** A query parameter, or null when it is absent or blank. */
  static String param(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isBlank() ? null : value;
  }

  static int intParam(RoutingContext ctx, String name, int fallback) {
    String value = param(ctx, name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw Problem.invalid(name + " must be a whole number").exception();
    }
  }

  /** The {@code :id} of a dead letter; one that is not a number names no dead letter. */
  static long idParam(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw Problem.notFound("dead letter " + ctx.pathParam("id")).exception();
    }
  }
}
