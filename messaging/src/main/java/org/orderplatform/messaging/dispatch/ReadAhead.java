package org.orderplatform.messaging.dispatch;

import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.messaging.log.StoredEvent;
import org.orderplatform.messaging.log.StoredEvent.Readout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Reads a group's events ahead of its cursor, one query at a time, as far as the schedule has room
 * ({@code maxPending}), and admits them: queued, parked behind a dead letter, or skipped. A wake-up during a read asks for one more read after it; a full page reads
 * on at once; a schedule without room waits until half of it is free again.
 */
final class ReadAhead {

  /** Where the events go. */
  interface Sink {
    boolean current(Tenure tenure);

    void progressed(Tenure tenure);
  }

  private static final Logger log = LoggerFactory.getLogger(ReadAhead.class);

  private final EventLog eventLog;
  private final String group;
  private final List<String> types;
  private final GroupSettings settings;
  private final GroupStats stats;
  private final Sink sink;
  private final Holding holding;
  private boolean fetching;
  private boolean fetchAgain;
  private boolean starved;

  ReadAhead(EventLog eventLog, String group, List<String> types, GroupSettings settings, GroupStats stats, Sink sink,
            Holding holding) {
    this.holding = holding;
    this.eventLog = eventLog;
    this.group = group;
    this.types = List.copyOf(types);
    this.settings = settings;
    this.stats = stats;
    this.sink = sink;
  }

  void reset() {
    fetching = false;
    fetchAgain = false;
    starved = false;
  }

  void wake(Tenure mine) {
    if (fetching) {
      fetchAgain = true;
      return;
    }
    int room = settings.maxPending() - mine.schedule().pendingCount();
    if (room < settings.batchSize()) {
      starved = true;
      return;
    }
    fetching = true;
    fetchAgain = false;
    int limit = Math.min(room, Math.max(settings.batchSize() * 8, 500));
    eventLog.readAfter(mine.schedule().readPosition(), types, limit).onComplete(ar -> {
      if (!sink.current(mine)) {
        return;
      }
      fetching = false;
      if (ar.failed()) {
        log.warn("[{}] reading the log failed: {}", group, ar.cause().toString());
        return;
      }
      List<StoredEvent> events = ar.result().events();
      events.forEach(event -> admit(mine, event.read()));
      if (events.size() < limit) {
        // Nothing else of ours up to the head: the cursor may pass the other groups' events.
        mine.schedule().passedTo(ar.result().head());
      }
      stats.readPosition.set(mine.schedule().readPosition());
      sink.progressed(mine);
      if (events.size() == limit || fetchAgain) {
        wake(mine);
      }
    });
  }

  private void admit(Tenure mine, Readout event) {
    switch (mine.schedule().accept(event)) {
      case PARK -> holding.park(mine, event);
      case SKIP -> log.debug("[{}] {} is dead-lettered; skipped until an operator acts", group, event.stored().position());
      case QUEUED -> { }
    }
  }

  /** Called as events finish: a starved read-ahead resumes once half the room is free. */
  void roomFreed(Tenure mine) {
    if (starved && mine.schedule().pendingCount() <= settings.maxPending() / 2) {
      starved = false;
      wake(mine);
    }
  }
}
