package org.orderplatform.plumbing.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one way HTTP errors leave this system: as {@code application/problem+json}. */
public final class Problems {

  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  public static void respond(RoutingContext ctx, Problem problem) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader("content-type", Problem.CONTENT_TYPE)
        .end(problem.toJson().encode());
  }

  /** Failure handler for every router: known problems as they are, anything else as a 500. */
  public static void handleFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Problem.ProblemException known) {
      respond(ctx, known.problem());
    } else if (failure instanceof DecodeException bad) {
      respond(ctx, Problem.malformedJson(bad.getMessage()));
    } else if (failure == null && ctx.statusCode() == 404) {
      respond(ctx, Problem.notFound(ctx.request().method() + " " + ctx.request().path()));
    } else if (failure == null && ctx.statusCode() == 405) {
      respond(ctx, Problem.of(405, "method-not-allowed", "Method not allowed", ctx.request().method() + " " + ctx.request().path()));
    } else if (failure == null && ctx.statusCode() == 413) {
      respond(ctx, Problem.of(413, "too-large", "Request body too large", "the body exceeds the limit"));
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      respond(ctx, Problem.of(ctx.statusCode(), "bad-request", "Bad request", ctx.request().path()));
    } else {
      log.error("unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
      respond(ctx, Problem.of(500, "internal", "Internal error", "the server failed to handle the request; see its log"));
    }
  }

  /**
   * The request body as a JSON object, read by {@link StrictJson}; a body that is not declared as
   * JSON is a 415 here too, for a request that reached a route without {@link HttpInput} in front.
   */
  public static JsonObject jsonBody(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body != null && body.length() > 0 && !HttpInput.isJson(ctx.request())) {
      throw HttpInput.unsupported(ctx.request()).exception();
    }
    return StrictJson.object(body);
  }

  /** Ends the request with the JSON value and status, or routes the future's failure to the handler. */
  public static <T> void reply(RoutingContext ctx, int status, Future<T> result) {
    result.onSuccess(value -> ctx.response().setStatusCode(status)
            .putHeader("content-type", "application/json")
            .end(value == null ? "" : io.vertx.core.json.Json.encode(value)))
        .onFailure(ctx::fail);
  }
}
