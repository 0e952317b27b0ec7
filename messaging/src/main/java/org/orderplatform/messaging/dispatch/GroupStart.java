package org.orderplatform.messaging.dispatch;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.messaging.Subscription;
import org.orderplatform.messaging.deadletter.DeadLetters;
import org.orderplatform.messaging.leader.FencedOut;
import org.orderplatform.messaging.leader.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What a dispatcher reads before it delivers anything in a term or epoch: the group's row, a
 * pending rebuild (done here, before any read), and the dead letters that hold aggregates.
 */
final class GroupStart {

  /** The stored state a tenure starts from. */
  record Loaded(long cursor, long epoch, Schedule schedule) {
  }

  private static final Logger log = LoggerFactory.getLogger(GroupStart.class);

  private final Pool pool;
  private final DeadLetters deadLetters;
  private final Subscription<?> subscription;

  GroupStart(Pool pool, DeadLetters deadLetters, Subscription<?> subscription) {
    this.pool = pool;
    this.deadLetters = deadLetters;
    this.subscription = subscription;
  }

  Future<Void> register(Lease lease) {
    return pool.preparedQuery(DispatchSql.REGISTER)
        .execute(Tuple.of(subscription.group(), (Object) subscription.typeNames().toArray(String[]::new)))
        .mapEmpty();
  }

  Future<Long> epoch() {
    return state().map(row -> row.getLong("epoch"));
  }

  Future<Loaded> load(Lease lease) {
    return state().compose(row -> {
      long cursor = row.getLong("cursor");
      long epoch = row.getLong("epoch");
      if (row.getBoolean("reset_pending")) {
        // Not cleared: a replay asked for meanwhile moved the epoch and the cursor; read them again.
        return resetReadModel(lease, epoch).compose(cleared -> cleared ? loadHolds(cursor, epoch) : load(lease));
      }
      return loadHolds(cursor, epoch);
    });
  }

  private Future<Loaded> loadHolds(long cursor, long epoch) {
    Future<List<Long>> discarded = deadLetters.discarded(subscription.group());
    return discarded.compose(v -> deadLetters.holds(subscription.group())).map(holds -> {
      Schedule schedule = new Schedule(subscription.settings().batchSize(), cursor);
      discarded.result().forEach(schedule.holds()::discard);
      holds.forEach(held -> schedule.holds().hold(held.aggregateId(), held.position(), switch (held.status()) {
        case "resolved" -> Holds.Hold.RESOLVED;
        case "discarded" -> Holds.Hold.DISCARDED;
        default -> Holds.Hold.LIVE;
      }));
      return new Loaded(cursor, epoch, schedule);
    });
  }

  private Future<Row> state() {
    return pool.preparedQuery(DispatchSql.STATE).execute(Tuple.of(subscription.group()))
        .map(rows -> rows.iterator().next());
  }

  // A rebuild: wipe the read model and the inbox in one transaction, so replayed events are
  // applied again rather than dropped as duplicates. Fenced: a deposed leader's wipe rolls back.
  // False when a replay changed the epoch first: nothing was wiped, the caller loads again.
  private Future<Boolean> resetReadModel(Lease lease, long epoch) {
    String group = subscription.group();
    log.info("[{}] rebuilding the read model from position 0", group);
    return pool.withTransaction(tx -> tx.preparedQuery(DispatchSql.CLEAR_RESET)
        .execute(Tuple.of(group, epoch, lease.name(), lease.term()))
        .compose(rows -> {
          var row = rows.iterator().next();
          if (!row.getBoolean("current")) {
            return Future.failedFuture(new FencedOut(lease.name(), lease.term(), "rebuild of " + group));
          }
          if (!row.getBoolean("cleared")) {
            return Future.succeededFuture(false);
          }
          return subscription.resetReadModel().apply(tx)
              .compose(v -> tx.preparedQuery(DispatchSql.FORGET_INBOX).execute(Tuple.of(group)))
              .map(true);
        }));
  }
}
