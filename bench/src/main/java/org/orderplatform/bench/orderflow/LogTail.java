package org.orderplatform.bench.orderflow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows the event log in position order and hands the ledger each event of the types it cares
 * about, with the {@code occurredAt} the platform stamped on it: latencies come from the events
 * themselves, never from when this tail happened to read them.
 */
final class LogTail {

  /** Ways an order can end other than at the target; counted as errors when they happen instead of it. */
  static final List<String> OTHER_ENDINGS = List.of("inventory.stock-rejected", "order.rejected", "order.cancelled");
  static final String HEAD = "select coalesce(max(position), 0) as head from eventlog.events";
  static final String READ_AFTER = """
      select position, type, payload->>'orderId' as order_id, headers->>'occurredAt' as occurred_at
      from eventlog.events where position > $1 and type = any($2) order by position limit $3""";
  private static final int PAGE = 5_000;
  private static final long POLL_MILLIS = 50;

  private final Vertx vertx;
  private final Pool pool;
  private final FlowLedger ledger;
  private final String[] types;
  private final Promise<Void> stopped = Promise.promise();
  private volatile boolean stopping;
  private long position;
  private volatile long reads;

  LogTail(Vertx vertx, Pool pool, FlowLedger ledger, String target) {
    this.vertx = vertx;
    this.pool = pool;
    this.ledger = ledger;
    Set<String> wanted = new LinkedHashSet<>(List.of(FlowLedger.PLACED, target));
    wanted.addAll(OTHER_ENDINGS);
    this.types = wanted.toArray(String[]::new);
  }

  /** Starts after the log's current head, so a long-lived platform's history is not read. */
  Future<Void> start() {
    return pool.query(HEAD).execute().map(rows -> {
      position = rows.iterator().next().getLong("head");
      reads++;
      poll();
      return null;
    });
  }

  /** Statements this tail ran, so they can be told apart from the platform's commits. */
  long reads() {
    return reads;
  }

  Future<Void> stop() {
    stopping = true;
    return stopped.future();
  }

  private void poll() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    reads++;
    pool.preparedQuery(READ_AFTER).execute(Tuple.of(position, types, PAGE)).onComplete(read -> {
      if (read.failed()) {
        stopped.tryFail(read.cause());
        return;
      }
      for (Row row : read.result()) {
        position = row.getLong("position");
        String orderId = row.getString("order_id");
        String occurredAt = row.getString("occurred_at");
        if (orderId != null && occurredAt != null) {
          ledger.event(row.getString("type"), orderId, Micros.of(Instant.parse(occurredAt)));
        }
      }
      if (read.result().size() == PAGE) {
        poll();
      } else {
        vertx.setTimer(POLL_MILLIS, t -> poll());
      }
    });
  }
}
