package org.orderplatform.messaging.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.orderplatform.messaging.deadletter.DeadLetterQueries;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.util.List;

import static org.orderplatform.messaging.admin.AdminParams.idParam;
import static org.orderplatform.messaging.admin.AdminParams.longParam;
import static org.orderplatform.messaging.admin.AdminParams.param;
import static org.orderplatform.messaging.admin.AdminParams.requiredText;
import static org.orderplatform.messaging.admin.AdminParams.text;

/** List, inspect, retry and discard dead letters; the group's leading dispatcher does the redelivery. */
final class DeadLetterRoutes {

  private static final int MAX_PAGE = 500;
  private static final List<String> STATUSES = List.of("open", "retry_requested", "resolved", "discarded");

  private final DeadLetterQueries deadLetters;

  DeadLetterRoutes(Pool pool) {
    this.deadLetters = new DeadLetterQueries(pool);
  }

  void mount(Router router) {
    router.get("/dead-letters").handler(this::list);
    router.post("/dead-letters/retry").handler(this::retryByFingerprint);
    router.get("/dead-letters/:id").handler(this::show);
    router.post("/dead-letters/:id/retry").handler(this::retry);
    router.post("/dead-letters/:id/discard").handler(this::discard);
  }

  private void list(RoutingContext ctx) {
    int limit = (int) longParam(ctx, "limit", 50, 1, MAX_PAGE);
    long after = longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
    String status = param(ctx, "status");
    if (status != null && !STATUSES.contains(status)) {
      throw Problem.invalid("status must be one of " + STATUSES + ", got '" + status + "'").exception();
    }
    var filter = new DeadLetterQueries.Filter(param(ctx, "group"), param(ctx, "type"), param(ctx, "fingerprint"),
        status, after, limit);
    Problems.reply(ctx, 200, deadLetters.list(filter).map(page -> {
      JsonObject body = new JsonObject().put("items", new JsonArray(List.copyOf(page)));
      if (page.size() == limit) {
        body.put("next", page.get(page.size() - 1).getLong("id"));
      }
      return body;
    }));
  }

  private void show(RoutingContext ctx) {
    long id = idParam(ctx);
    Problems.reply(ctx, 200, deadLetters.show(id).map(found -> found.orElseThrow(
        () -> Problem.notFound("dead letter " + id).exception())));
  }

  private void retry(RoutingContext ctx) {
    long id = idParam(ctx);
    Problems.reply(ctx, 202, deadLetters.requestRetry(id).map(accepted -> {
      if (!accepted) {
        throw Problem.conflict("dead letter " + id + " does not exist or is not open").exception();
      }
      return new JsonObject().put("id", id).put("status", "retry_requested");
    }));
  }

  private void retryByFingerprint(RoutingContext ctx) {
    JsonObject body = Problems.jsonBody(ctx);
    String fingerprint = requiredText(body, "fingerprint", "the fingerprint of the dead letters to retry");
    String group = text(body, "group");
    Problems.reply(ctx, 202, deadLetters.requestRetry(fingerprint, group)
        .map(count -> new JsonObject().put("fingerprint", fingerprint).put("retryRequested", count)));
  }

  private void discard(RoutingContext ctx) {
    long id = idParam(ctx);
    String reason = requiredText(Problems.jsonBody(ctx), "reason", "a discard keeps it for the audit trail");
    Problems.reply(ctx, 200, deadLetters.discard(id, reason).map(done -> {
      if (!done) {
        throw Problem.conflict("dead letter " + id + " does not exist or is not open").exception();
      }
      return new JsonObject().put("id", id).put("status", "discarded").put("reason", reason);
    }));
  }
}
