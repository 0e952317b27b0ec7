package org.orderplatform.messaging.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.orderplatform.messaging.dispatch.Dispatcher;
import org.orderplatform.messaging.dispatch.GroupStats;
import org.orderplatform.plumbing.http.HttpInput;
import org.orderplatform.plumbing.http.Problems;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Operator routes over HTTP, behind a bearer token: the subscriber groups' state (and what holds
 * them all back) here, dead letters in {@link DeadLetterRoutes}, replay and rebuild in
 * {@link ReplayRoutes}. They only change rows and NOTIFY; the leading dispatcher of the group acts
 * on them.
 */
public final class MessagingAdmin {

  private final Pool pool;
  private final DeadLetterRoutes deadLetters;
  private final ReplayRoutes replays;
  private final Supplier<List<Dispatcher>> localDispatchers;
  private final BearerToken token;

  /**
   * @param localDispatchers this JVM's dispatchers: the one leading a group adds its attempt
   *                         outcomes to the group's entry
   * @param token            every request must carry {@code Authorization: Bearer <token>}
   */
  public MessagingAdmin(Pool pool, Supplier<List<Dispatcher>> localDispatchers, String token) {
    this.pool = pool;
    this.deadLetters = new DeadLetterRoutes(pool);
    this.replays = new ReplayRoutes(pool);
    this.localDispatchers = localDispatchers;
    this.token = new BearerToken(token);
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(token::check);
    HttpInput.accept(router, 64 * 1024);
    router.get("/subscriptions").handler(this::groups);
    deadLetters.mount(router);
    replays.mount(router);
    router.route().failureHandler(Problems::handleFailure);
    return router;
  }

  private void groups(RoutingContext ctx) {
    Map<String, GroupStats> leading = localDispatchers.get().stream().filter(Dispatcher::leading)
        .collect(Collectors.toMap(Dispatcher::group, Dispatcher::stats));
    Future<RowSet<Row>> groups = pool.query(AdminSql.GROUPS).execute();
    Future<LogAges> ages = LogAges.read(pool);
    Problems.reply(ctx, 200, Future.all(groups, ages).map(both -> {
      JsonArray entries = new JsonArray();
      groups.result().forEach(row -> entries.add(group(row, leading.get(row.getString("group_name")))));
      return new JsonObject().put("groups", entries)
          .put("oldestUnsequencedSeconds", ages.result().oldestUnsequencedSeconds())
          .put("oldestTransactionSeconds", ages.result().oldestTransactionSeconds());
    }));
  }

  private static JsonObject group(Row row, GroupStats stats) {
    JsonObject entry = new JsonObject()
        .put("group", row.getString("group_name"))
        .put("types", new JsonArray(List.of(row.getArrayOfStrings("types"))))
        .put("cursor", row.getLong("cursor"))
        .put("head", row.getLong("head"))
        .put("lag", row.getLong("head") - row.getLong("cursor"))
        .put("lagSeconds", row.getDouble("lag_seconds"))
        .put("epoch", row.getLong("epoch"))
        .put("deadLetters", row.getLong("dead_letters"))
        .put("parked", row.getLong("parked"));
    if (stats != null) {
      // Counted since this JVM took the lead; the other JVMs answer without this part.
      entry.put("leaderHere", new JsonObject()
          .put("delivered", stats.delivered())
          .put("failedAttempts", stats.failedAttempts())
          .put("deadLettered", stats.deadLettered())
          .put("parked", stats.parked())
          .put("redelivered", stats.redelivered()));
    }
    return entry;
  }
}
