package org.orderplatform.messaging.log;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.sqlclient.SqlClient;
import org.orderplatform.messaging.Addresses;
import org.orderplatform.plumbing.db.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the sequencer, over the (clustered) event bus, that appends have committed: at most one
 * signal per millisecond per {@code Vertx}, however many transactions commit in it.
 *
 * <p>Not a NOTIFY in the appending transaction: PostgreSQL takes a server-wide lock at the commit
 * of every transaction that notified, which serialises all appending commits (measured: 8,000
 * commits/s at 8 clients fell to 2,400). A signal lost or sent from outside the cluster only
 * costs latency: the sequencer polls.
 */
final class AppendSignal implements Shareable {

  private static final Logger log = LoggerFactory.getLogger(AppendSignal.class);
  private static final String MAP = AppendSignal.class.getName();
  private static final String KEY = "signal";

  private final Vertx vertx;
  // Set while a signal is scheduled: commits until it fires share it, since it is sent after them.
  private final AtomicBoolean scheduled = new AtomicBoolean();

  private AppendSignal(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Signals once what was just appended through {@code client} has committed: when the
   * connection's transaction commits, or at once when it ran outside a transaction. Called when
   * the append has completed, so on a Vert.x context of the client's {@code Vertx}.
   */
  static void afterCommit(SqlClient client) {
    Context context = Vertx.currentContext();
    if (context == null) {
      log.warn("an append completed outside a Vert.x context; the sequencer will find it by polling");
      return;
    }
    AppendSignal signal = of(context.owner());
    AfterCommit.run(client, signal::committed);
  }

  /** The one signal of this {@code Vertx}, so every appender in the JVM shares the coalescing. */
  static AppendSignal of(Vertx vertx) {
    LocalMap<String, AppendSignal> signals = vertx.sharedData().getLocalMap(MAP);
    AppendSignal signal = signals.get(KEY);
    if (signal == null) {
      AppendSignal created = new AppendSignal(vertx);
      signal = signals.putIfAbsent(KEY, created);
      return signal == null ? created : signal;
    }
    return signal;
  }

  /** An append committed: signal within a millisecond, together with any other commits by then. */
  void committed() {
    if (scheduled.compareAndSet(false, true)) {
      vertx.setTimer(1, id -> {
        scheduled.set(false);
        vertx.eventBus().publish(Addresses.APPENDED, null);
      });
    }
  }
}
