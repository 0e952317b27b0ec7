package org.orderplatform.messaging.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.messaging.deadletter.DeadLetterQueries;
import org.orderplatform.messaging.dispatch.Dispatcher;
import org.orderplatform.messaging.dispatch.GroupStats;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Operator routes over HTTP: inspect, retry and discard dead letters; replay a group; rebuild a
 * projection. They only change rows and NOTIFY; the leading dispatcher of the group acts on them.
 */
public final class MessagingAdmin {

  private static final int MAX_PAGE = 500;

  private final Pool pool;
  private final DeadLetterQueries deadLetters;
  private final Supplier<List<Dispatcher>> localDispatchers;
  private final BearerToken token;

  /**
   * @param localDispatchers this JVM's dispatchers: the one leading a group adds its attempt
   *                         outcomes to the group's entry
   * @param token            every request must carry {@code Authorization: Bearer <token>}
   */
  public MessagingAdmin(Pool pool, Supplier<List<Dispatcher>> localDispatchers, String token) {
    this.pool = pool;
    this.deadLetters = new DeadLetterQueries(pool);
    this.localDispatchers = localDispatchers;
    this.token = new BearerToken(token);
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(token::check);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.get("/dead-letters").handler(this::list);
    router.post("/dead-letters/retry").handler(this::retryByFingerprint);
    router.get("/dead-letters/:id").handler(this::show);
    router.post("/dead-letters/:id/retry").handler(this::retry);
    router.post("/dead-letters/:id/discard").handler(this::discard);
    router.get("/subscriptions").handler(this::groups);
    router.post("/subscriptions/:group/replay").handler(this::replay);
    router.post("/projections/:group/rebuild").handler(this::rebuild);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void list(RoutingContext ctx) {
    int limit = intParam(ctx, "limit", 50);
    if (limit < 1 || limit > MAX_PAGE) {
      throw Problem.invalid("limit must be between 1 and " + MAX_PAGE).exception();
    }
    long after = intParam(ctx, "after", 0);
    var filter = new DeadLetterQueries.Filter(param(ctx, "group"), param(ctx, "type"), param(ctx, "fingerprint"),
        param(ctx, "status"), after, limit);
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
    String fingerprint = body.getValue("fingerprint") instanceof String s && !s.isBlank() ? s : null;
    if (fingerprint == null) {
      throw Problem.invalid("fingerprint is required").exception();
    }
    String group = body.getValue("group") instanceof String s ? s : null;
    Problems.reply(ctx, 202, deadLetters.requestRetry(fingerprint, group)
        .map(count -> new JsonObject().put("fingerprint", fingerprint).put("retryRequested", count)));
  }

  private void discard(RoutingContext ctx) {
    long id = idParam(ctx);
    JsonObject body = Problems.jsonBody(ctx);
    String reason = body.getValue("reason") instanceof String s && !s.isBlank() ? s : null;
    if (reason == null) {
      throw Problem.invalid("a discard needs a reason, kept for the audit trail").exception();
    }
    Problems.reply(ctx, 200, deadLetters.discard(id, reason).map(done -> {
      if (!done) {
        throw Problem.conflict("dead letter " + id + " does not exist or is not open").exception();
      }
      return new JsonObject().put("id", id).put("status", "discarded").put("reason", reason);
    }));
  }

  private void groups(RoutingContext ctx) {
    Map<String, GroupStats> leading = localDispatchers.get().stream().filter(Dispatcher::leading)
        .collect(Collectors.toMap(Dispatcher::group, Dispatcher::stats));
    Problems.reply(ctx, 200, pool.query(AdminSql.GROUPS).execute().map(rows -> {
      JsonArray groups = new JsonArray();
      rows.forEach(row -> {
        String group = row.getString("group_name");
        JsonObject entry = new JsonObject()
            .put("group", group)
            .put("types", new JsonArray(List.of(row.getArrayOfStrings("types"))))
            .put("cursor", row.getLong("cursor"))
            .put("head", row.getLong("head"))
            .put("lag", row.getLong("head") - row.getLong("cursor"))
            .put("epoch", row.getLong("epoch"))
            .put("deadLetters", row.getLong("dead_letters"))
            .put("parked", row.getLong("parked"));
        GroupStats stats = leading.get(group);
        if (stats != null) {
          // Counted since this JVM took the lead; the other JVMs answer without this part.
          entry.put("leaderHere", new JsonObject()
              .put("delivered", stats.delivered())
              .put("failedAttempts", stats.failedAttempts())
              .put("deadLettered", stats.deadLettered())
              .put("parked", stats.parked())
              .put("redelivered", stats.redelivered()));
        }
        groups.add(entry);
      });
      return new JsonObject().put("groups", groups);
    }));
  }

  private void replay(RoutingContext ctx) {
    String group = ctx.pathParam("group");
    JsonObject body = Problems.jsonBody(ctx);
    Future<Long> from;
    if (body.getValue("fromPosition") instanceof Number n && n.longValue() >= 0) {
      from = Future.succeededFuture(n.longValue() == 0 ? 0 : n.longValue() - 1);
    } else if (body.getValue("fromTime") instanceof String time) {
      OffsetDateTime at;
      try {
        at = OffsetDateTime.parse(time);
      } catch (DateTimeParseException e) {
        throw Problem.invalid("fromTime must be an ISO-8601 timestamp with offset, e.g. 2026-01-31T10:00:00Z").exception();
      }
      from = pool.preparedQuery(AdminSql.POSITION_BEFORE).execute(Tuple.of(at))
          .map(rows -> rows.iterator().next().getLong("position"));
    } else {
      throw Problem.invalid("give fromPosition (>= 0) or fromTime").exception();
    }
    Problems.reply(ctx, 202, from.compose(cursor -> pool.withTransaction(tx ->
        tx.preparedQuery(AdminSql.REPLAY).execute(Tuple.of(group, cursor)).compose(rows -> {
          if (rows.size() == 0) {
            throw Problem.notFound("subscriber group " + group).exception();
          }
          return tx.preparedQuery(AdminSql.FORGET_AFTER).execute(Tuple.of(group, cursor))
              .compose(v -> tx.preparedQuery(AdminSql.NOTIFY).execute(Tuple.of(group)))
              .map(v -> new JsonObject().put("group", group).put("cursor", cursor));
        }))));
  }

  private void rebuild(RoutingContext ctx) {
    String group = ctx.pathParam("group");
    Problems.reply(ctx, 202, pool.withTransaction(tx ->
        tx.preparedQuery(AdminSql.REBUILD).execute(Tuple.of(group)).compose(rows -> {
          if (rows.size() == 0) {
            throw Problem.notFound("projection " + group).exception();
          }
          return tx.preparedQuery(AdminSql.NOTIFY).execute(Tuple.of(group))
              .map(v -> new JsonObject().put("group", group).put("rebuilding", true));
        })));
  }

  private static String param(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    String value = param(ctx, name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw Problem.invalid(name + " must be a whole number").exception();
    }
  }

  private static long idParam(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw Problem.notFound("dead letter " + ctx.pathParam("id")).exception();
    }
  }
}
