package org.orderplatform.messaging.log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.messaging.leader.LeaderElection;
import org.orderplatform.messaging.leader.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives appended events their log positions; one leader in the cluster.
 *
 * <p>Ids come from a sequence and commit out of order, and xids are taken at a transaction's first
 * write, not at commit, so neither orders events safely. Instead we number, in id order, only rows
 * whose writing transaction is older than the snapshot's xmin: every transaction below xmin has
 * ended, so no row can later appear that should have sorted before a position we handed out.
 * Readers then simply read {@code position > cursor}. A long-running writer holds xmin back and
 * with it the sequencer: {@link #lagRows()} shows that.
 */
public final class Sequencer implements LeaderElection.Role {

  private static final Logger log = LoggerFactory.getLogger(Sequencer.class);

  // Runs on the lock connection: if we lost the lock we lost this connection too, so a former
  // leader can never number rows concurrently with the new one.
  private static final String SEQUENCE = """
      with next as (
        select id, row_number() over (order by id) as n
          from eventlog.events
         where position is null and tx < pg_snapshot_xmin(pg_current_snapshot())
         order by id
         limit $1
      ), base as (
        select coalesce(max(position), 0) as top from eventlog.events
      ), numbered as (
        update eventlog.events e
           set position = base.top + next.n
          from next, base
         where e.id = next.id
        returning e.position
      )
      select count(*) as assigned, max(position) as head,
             pg_notify('eventlog_sequenced', coalesce(max(position), 0)::text)
        from numbered
      """;

  private static final String WAITING = "select count(*) as waiting from eventlog.events where position is null";

  private final Vertx vertx;
  private final int batchLimit;
  private final Duration pollInterval;
  private final AtomicLong lagRows = new AtomicLong();
  private PgConnection connection;
  private boolean running;
  private boolean again;
  private long poller = -1;
  private long retryDelay = 1;

  public Sequencer(Vertx vertx, int batchLimit, Duration pollInterval) {
    this.vertx = vertx;
    this.batchLimit = batchLimit;
    this.pollInterval = pollInterval;
  }

  @Override
  public Future<Void> lead(Lease lease) {
    this.connection = lease.connection();
    poller = vertx.setPeriodic(pollInterval.toMillis(), id -> wake());
    wake();
    return Future.succeededFuture();
  }

  @Override
  public void demoted() {
    connection = null;
    if (poller >= 0) {
      vertx.cancelTimer(poller);
      poller = -1;
    }
  }

  /** Something was appended (NOTIFY) or the poll fired: number what can be numbered. */
  public void wake() {
    if (connection == null) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    PgConnection conn = connection;
    conn.preparedQuery(SEQUENCE).execute(Tuple.of(batchLimit))
        .map(rows -> rows.iterator().next().getLong("assigned"))
        .compose(assigned -> conn.query(WAITING).execute()
            .map(rows -> new Run(assigned, rows.iterator().next().getLong("waiting"))))
        .onComplete(ar -> {
          running = false;
          if (ar.failed()) {
            log.warn("sequencing failed: {}", ar.cause().toString());
            return;
          }
          Run run = ar.result();
          lagRows.set(run.waiting());
          if (run.assigned() > 0) {
            retryDelay = 1;
          }
          if (again || run.assigned() == batchLimit) {
            wake();
          } else if (run.waiting() > 0) {
            // Rows held back by a transaction still open: look again shortly, backing off so a
            // long-running writer does not turn this into a busy loop.
            retryDelay = Math.min(retryDelay * 2, pollInterval.toMillis());
            vertx.setTimer(retryDelay, id -> wake());
          } else {
            retryDelay = 1;
          }
        });
  }

  private record Run(long assigned, long waiting) {
  }

  /** Appended rows not yet given a position: how far a long transaction holds readers back. */
  public long lagRows() {
    return lagRows.get();
  }
}
