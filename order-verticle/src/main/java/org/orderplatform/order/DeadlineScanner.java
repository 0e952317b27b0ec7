package org.orderplatform.order;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.orderplatform.messaging.leader.LeaderElection;
import org.orderplatform.messaging.leader.Lease;
import org.orderplatform.order.application.FireDeadlines;
import org.orderplatform.plumbing.db.PgSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Fires the saga's stored deadlines while this JVM leads the scan (one leader in the cluster,
 * elected like the dispatchers). Leading only saves work: firing is safe from two scanners at once
 * (claimed rows are skipped, and the order stream's version lets one decision land).
 */
final class DeadlineScanner extends VerticleBase implements LeaderElection.Role {

  private static final Logger log = LoggerFactory.getLogger(DeadlineScanner.class);
  static final int BATCH = 200;

  private final PgSettings db;
  private final FireDeadlines deadlines;
  private final Duration every;
  private LeaderElection election;
  private long timer = -1;
  private boolean scanning;

  DeadlineScanner(PgSettings db, FireDeadlines deadlines, Duration every) {
    this.db = db;
    this.deadlines = deadlines;
    this.every = every;
  }

  @Override
  public Future<?> start() {
    election = new LeaderElection(vertx, db, "order-platform:order-deadlines", this, LeaderElection.Timing.defaults());
    election.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return election.stop();
  }

  @Override
  public Future<Void> lead(Lease lease) {
    timer = vertx.setPeriodic(every.toMillis(), id -> scan());
    return Future.succeededFuture();
  }

  @Override
  public void demoted() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void scan() {
    if (scanning) {
      return;
    }
    scanning = true;
    deadlines.fireDue(BATCH)
        .onComplete(fired -> {
          scanning = false;
          if (fired.failed()) {
            log.warn("deadline scan failed, retrying on the next tick: {}", fired.cause().toString());
          } else if (fired.result() == BATCH && timer >= 0) {
            scan();
          }
        });
  }
}
