package org.orderplatform.messaging.log;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.leader.LeaderElection;
import org.orderplatform.messaging.leader.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives appended events their log positions; one leader in the cluster.
 *
 * <p>Ids come from a sequence and commit out of order, and xids are taken at a transaction's first
 * write, not at commit, so neither orders events safely on its own. A pass numbers, in id order,
 * the unsequenced rows before the first visible one whose writing transaction is not older than
 * the snapshot's xmin ({@link EventLogSql#SEQUENCE} says why that prefix, and not every row below
 * xmin). Readers then simply read {@code position > cursor}. A long-running transaction holds xmin
 * back and with it the sequencer: {@link #lagRows()} shows that.
 *
 * <p>A pass runs when woken ({@link Addresses#APPENDED}, published by appenders after their
 * commit), on a poll for writers outside the cluster, again at once after a full batch, and once
 * more after a pass during which wake-ups arrived. After a pass that assigned positions it
 * publishes {@link Addresses#SEQUENCED} so every JVM's dispatchers read on.
 */
public final class Sequencer implements LeaderElection.Role {

  private static final Logger log = LoggerFactory.getLogger(Sequencer.class);

  private final Vertx vertx;
  private final int batchLimit;
  /** The pause before a pass that commits during the previous one asked for. */
  static final long GAP_MILLIS = 3;

  private final Duration pollInterval;
  private final AtomicLong lagRows = new AtomicLong();
  private Lease lease;
  private boolean running;
  private boolean again;
  private long poller = -1;
  private long retryTimer = -1;
  private long retryDelay = 1;

  /** {@code meters} get {@code sequencer_lag_rows} ({@link #lagRows()}). */
  public Sequencer(Vertx vertx, int batchLimit, Duration pollInterval, MeterRegistry meters) {
    this.vertx = vertx;
    this.batchLimit = batchLimit;
    this.pollInterval = pollInterval;
    Gauge.builder("sequencer.lag.rows", lagRows, AtomicLong::get)
        .description("Appended rows not yet given a position, as the leading sequencer last counted them")
        .strongReference(true).register(meters);
  }

  @Override
  public Future<Void> lead(Lease lease) {
    this.lease = lease;
    poller = vertx.setPeriodic(pollInterval.toMillis(), id -> wake());
    wake();
    return Future.succeededFuture();
  }

  @Override
  public void demoted() {
    lease = null;
    // Only the leader counts: a deposed one would go on reporting its last count.
    lagRows.set(0);
    if (poller >= 0) {
      vertx.cancelTimer(poller);
      poller = -1;
    }
  }

  /** Something was appended, or the poll fired: number what can be numbered (only while leading). */
  public void wake() {
    Lease current = lease;
    if (current == null) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    // On the lock connection: if we lost the lock we lost this connection too; and the statement
    // is fenced by our term, so a deposed sequencer whose connection lives on numbers nothing.
    current.connection().preparedQuery(EventLogSql.SEQUENCE)
        .execute(Tuple.of(batchLimit, current.name(), current.term()))
        .map(rows -> Pass.of(rows.iterator().next()))
        .onComplete(ar -> {
          running = false;
          if (ar.failed()) {
            log.warn("sequencing failed: {}", ar.cause().toString());
            return;
          }
          passed(current, ar.result());
        });
  }

  private void passed(Lease current, Pass pass) {
    if (!pass.current()) {
      resign(current);
      return;
    }
    if (pass.assigned() > 0) {
      retryDelay = 1;
      vertx.eventBus().publish(Addresses.SEQUENCED, new JsonArray(pass.types()));
    }
    if (pass.waiting() >= 0) {
      lagRows.set(pass.waiting());
    }
    if (pass.assigned() == batchLimit) {
      wake();
    } else if (again) {
      // Commits arrived during the pass. Going again at once would, under a steady stream of
      // commits, keep one backend busy with passes of a few rows each, and wake every dispatcher
      // for each; a short gap lets the next pass take them all at once.
      if (retryTimer < 0) {
        retryTimer = vertx.setTimer(GAP_MILLIS, id -> {
          retryTimer = -1;
          wake();
        });
      }
    } else if (pass.waiting() > 0) {
      // Rows held back by a transaction still open: look again shortly, backing off so a
      // long-running transaction does not turn this into a busy loop.
      retryDelay = Math.min(retryDelay * 2, pollInterval.toMillis());
      if (retryTimer < 0) {
        retryTimer = vertx.setTimer(retryDelay, id -> {
          retryTimer = -1;
          wake();
        });
      }
    } else {
      retryDelay = 1;
    }
  }

  /** Another term began though the election has not noticed yet: let the lock go. */
  private void resign(Lease deposed) {
    if (lease == deposed) {
      log.warn("the sequencer's term {} is over; giving up the lead", deposed.term());
      lease = null;
      deposed.connection().close();
    }
  }

  /**
   * What one pass did. {@code waiting} is the rows left unsequenced, -1 when not counted (a full
   * pass goes again at once).
   */
  private record Pass(long assigned, Long head, List<String> types, long waiting, boolean current) {
    static Pass of(Row row) {
      long assigned = row.getLong("assigned");
      Long unsequenced = row.getLong("unsequenced");
      String[] types = row.getArrayOfStrings("types");
      return new Pass(assigned, row.getLong("head"), types == null ? List.of() : List.of(types),
          unsequenced == null ? -1 : unsequenced - assigned, row.getBoolean("current"));
    }
  }

  /** Appended rows not yet given a position: how far a long transaction holds readers back. */
  public long lagRows() {
    return lagRows.get();
  }
}
