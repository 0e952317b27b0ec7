package org.orderplatform.messaging.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Replay a group from a position or a time; rebuild a projection from position 0. */
final class ReplayRoutes {

  private final Pool pool;

  ReplayRoutes(Pool pool) {
    this.pool = pool;
  }

  void mount(Router router) {
    router.post("/subscriptions/:group/replay").handler(this::replay);
    router.post("/projections/:group/rebuild").handler(this::rebuild);
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
      from = pool.preparedQuery(AdminSql.CURSOR_FOR_TIME).execute(Tuple.of(at))
          .map(rows -> rows.iterator().next().getLong("cursor"));
    } else {
      throw Problem.invalid("give fromPosition (>= 0) or fromTime").exception();
    }
    Problems.reply(ctx, 202, from.compose(cursor -> pool.withTransaction(tx ->
        tx.preparedQuery(AdminSql.REPLAY).execute(Tuple.of(group, cursor)).compose(rows -> {
          if (rows.size() == 0) {
            throw Problem.notFound("subscriber group " + group).exception();
          }
          Row moved = rows.iterator().next();
          return tx.preparedQuery(AdminSql.FORGET_AFTER).execute(Tuple.of(group, cursor))
              .compose(v -> tx.preparedQuery(AdminSql.NOTIFY).execute(Tuple.of(group)))
              .map(v -> new JsonObject().put("group", group).put("cursor", moved.getLong("cursor"))
                  .put("rebuildPending", moved.getBoolean("reset_pending")));
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
}
