package org.orderplatform.messaging.dispatch;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.messaging.leader.FencedOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Stores a group's cursor, coalesced: at most one save in flight and at most one per interval, so
 * a busy group costs a handful of commits per second however many events it delivers. A new
 * leader re-reads from the stored cursor, and the inbox drops what it re-delivers.
 */
final class CursorKeeper {

  private static final Logger log = LoggerFactory.getLogger(CursorKeeper.class);

  private final Vertx vertx;
  private final Pool pool;
  private final String group;
  private final GroupStats stats;
  private final long everyMillis;
  private final Holding.Outcome outcome;
  private Tenure tenure;
  private long saved;
  private long wanted;
  private boolean saving;
  private long timer = -1;

  CursorKeeper(Vertx vertx, Pool pool, String group, GroupStats stats, Duration every, Holding.Outcome outcome) {
    this.outcome = outcome;
    this.vertx = vertx;
    this.pool = pool;
    this.group = group;
    this.stats = stats;
    this.everyMillis = Math.max(1, every.toMillis());
  }

  void start(Tenure tenure, long stored) {
    stop();
    this.tenure = tenure;
    this.saved = stored;
    this.wanted = stored;
    stats.cursor.set(stored);
  }

  void stop() {
    tenure = null;
    saving = false;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  void offer(long cursor) {
    wanted = cursor;
    if (tenure != null && !saving && timer < 0 && wanted != saved) {
      timer = vertx.setTimer(everyMillis, id -> {
        timer = -1;
        save();
      });
    }
  }

  private void save() {
    Tenure mine = tenure;
    if (mine == null) {
      return;
    }
    long cursor = wanted;
    saving = true;
    pool.preparedQuery(DispatchSql.SAVE_CURSOR)
        .execute(Tuple.of(group, cursor, mine.epoch(), mine.lease().name(), mine.lease().term()))
        .onComplete(ar -> {
          if (mine != tenure) {
            return;
          }
          saving = false;
          if (ar.failed()) {
            log.warn("[{}] saving the cursor failed: {}", group, ar.cause().toString());
          } else if (!ar.result().iterator().next().getBoolean("current")) {
            outcome.fencedOut(mine, new FencedOut(mine.lease().name(), mine.lease().term(), "cursor save"));
            return;
          } else if (ar.result().iterator().next().getBoolean("saved")) {
            saved = cursor;
            stats.cursor.set(cursor);
          }
          // Current but nothing saved: a replay bumped the epoch; the next control check restarts.
          offer(wanted);
        });
  }
}
