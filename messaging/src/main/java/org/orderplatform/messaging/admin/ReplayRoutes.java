package org.orderplatform.messaging.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.messaging.deadletter.DeadLetterQueries;
import org.orderplatform.plumbing.http.Problem;
import org.orderplatform.plumbing.http.Problems;

import java.time.OffsetDateTime;

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
    Long fromPosition = AdminParams.position(body, "fromPosition");
    OffsetDateTime fromTime = AdminParams.timestamp(body, "fromTime");
    if ((fromPosition == null) == (fromTime == null)) {
      throw Problem.invalid("give either fromPosition (a position from 0) or fromTime (an ISO-8601 timestamp)")
          .exception();
    }
    Future<Long> target = fromPosition != null
        ? Future.succeededFuture(Math.max(0, fromPosition - 1))
        : pool.preparedQuery(AdminSql.CURSOR_FOR_TIME).execute(Tuple.of(fromTime))
            .map(rows -> rows.iterator().next().getLong("cursor"));
    Problems.reply(ctx, 202, target.compose(cursor -> pool.withTransaction(tx ->
        tx.preparedQuery(AdminSql.REPLAY).execute(Tuple.of(group, cursor, fromPosition)).compose(rows -> {
          if (rows.size() == 0) {
            throw Problem.notFound("subscriber group " + group).exception();
          }
          Row moved = rows.iterator().next();
          if (moved.getLong("cursor") == null) {
            throw Problem.invalid("fromPosition " + fromPosition + " is past the head of the log ("
                + moved.getLong("head") + "); nothing was changed").exception();
          }
          return tx.preparedQuery(AdminSql.FORGET_AFTER).execute(Tuple.of(group, cursor))
              .compose(v -> DeadLetterQueries.notifyControl(tx, group))
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
          return DeadLetterQueries.notifyControl(tx, group)
              .map(v -> new JsonObject().put("group", group).put("rebuilding", true));
        })));
  }
}
