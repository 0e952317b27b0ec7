package org.orderplatform.messaging.dispatch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.dispatch.Schedule.Admission;
import org.orderplatform.messaging.dispatch.Schedule.Send;
import org.orderplatform.messaging.log.StoredEvent.Readout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule against a simple model of what it promises, under random reads, acknowledgements,
 * failed batches, dead letters and park writes. The model: per aggregate, events are finished in
 * log order; nothing of an aggregate is sent after one of its events was dead-lettered; no
 * aggregate has two requests in flight; everything at or below the cursor is finished; the cursor
 * never moves back; at the end nothing is pending and nothing is kept.
 */
@DisplayName("the dispatcher's schedule against a model")
class ScheduleModelTest {

  private static final int RUNS = 300;

  @Test
  @DisplayName("keeps per-aggregate order, one request per aggregate, and a safe cursor under random interleavings")
  void randomInterleavings() {
    long seeds = new SplittableRandom().nextLong();
    for (int run = 0; run < RUNS; run++) {
      long seed = seeds + run;
      try {
        new Run(new SplittableRandom(seed)).play();
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private static final class Run {
    private final SplittableRandom random;
    private final int events;
    private final int aggregates;
    private final Schedule schedule;
    private final List<Send> inFlight = new ArrayList<>();
    private final List<Readout> parking = new ArrayList<>();
    private final Set<Long> finished = new HashSet<>();
    private final Map<String, Long> lastFinished = new HashMap<>();
    private final Set<String> dead = new HashSet<>();
    private final Set<String> busy = new HashSet<>();
    private final int maxInFlight;
    private long read;
    private long cursor;

    Run(SplittableRandom random) {
      this.random = random;
      this.events = random.nextInt(1, 200);
      this.aggregates = random.nextInt(1, 12);
      this.maxInFlight = random.nextInt(1, 6);
      this.schedule = new Schedule(random.nextBoolean() ? 1 : random.nextInt(2, 20), 0);
    }

    private String aggregateOf(long position) {
      return "agg-" + (position * 7919 % aggregates);
    }

    void play() {
      int steps = 0;
      while ((read < events || !inFlight.isEmpty() || !parking.isEmpty()) && steps++ < 100_000) {
        switch (random.nextInt(4)) {
          case 0 -> readSome();
          case 1, 2 -> answerOne();
          default -> parkOne();
        }
        take();
        check();
      }
      assertThat(read).isEqualTo(events);
      assertThat(inFlight).isEmpty();
      assertThat(schedule.pendingCount()).as("pending at the end").isZero();
      assertThat(schedule.trackedKeys()).as("keys kept at the end").isZero();
      assertThat(schedule.cursor()).isEqualTo(events);
      assertThat(finished).hasSize(events);
    }

    private void readSome() {
      int n = random.nextInt(1, 10);
      for (int i = 0; i < n && read < events; i++) {
        read++;
        Readout event = random.nextInt(30) == 0 ? ScheduleTest.unreadable(read, aggregateOf(read))
            : ScheduleTest.event(read, aggregateOf(read));
        Admission admission = schedule.accept(event);
        if (dead.contains(aggregateOf(read))) {
          assertThat(admission).as("an event behind a dead letter").isEqualTo(Admission.PARK);
          parking.add(event);
        } else {
          assertThat(admission).isEqualTo(Admission.QUEUED);
        }
      }
    }

    private void take() {
      for (Send send : schedule.take(maxInFlight)) {
        for (String aggregate : send.aggregates()) {
          assertThat(busy.add(aggregate)).as("two requests in flight for " + aggregate).isTrue();
          assertThat(dead).as("sent after its aggregate's dead letter").doesNotContain(aggregate);
        }
        for (Readout event : send.events()) {
          Long last = lastFinished.get(event.stored().aggregateId());
          assertThat(event.stored().position()).as("sent in order").isGreaterThan(last == null ? 0 : last);
        }
        if (!send.single()) {
          assertThat(send.events()).allMatch(e -> e instanceof Readout.Readable);
        }
        inFlight.add(send);
      }
      assertThat(inFlight.size()).isLessThanOrEqualTo(maxInFlight);
    }

    private void answerOne() {
      if (inFlight.isEmpty()) {
        return;
      }
      Send send = inFlight.remove(random.nextInt(inFlight.size()));
      send.aggregates().forEach(busy::remove);
      int outcome = random.nextInt(10);
      if (!send.single() && outcome == 0) {
        schedule.batchFailed(send);
        return;
      }
      if (send.single() && (outcome == 0 || send.events().get(0) instanceof Readout.Unreadable)) {
        dead.add(send.aggregates().get(0));
        finish(send.events());
        parking.addAll(schedule.deadLettered(send));
        return;
      }
      finish(send.events());
      parking.addAll(schedule.delivered(send));
    }

    private void parkOne() {
      if (!parking.isEmpty()) {
        Readout event = parking.remove(random.nextInt(parking.size()));
        schedule.parked(event);
        finished.add(event.stored().position());
      }
    }

    private void finish(List<Readout> events) {
      for (Readout event : events) {
        finished.add(event.stored().position());
        lastFinished.merge(event.stored().aggregateId(), event.stored().position(), Math::max);
      }
    }

    private void check() {
      long now = schedule.cursor();
      assertThat(now).as("the cursor never moves back").isGreaterThanOrEqualTo(cursor);
      for (long p = cursor + 1; p <= now; p++) {
        assertThat(finished).as("position " + p + " at or below the cursor " + now).contains(p);
      }
      cursor = now;
    }
  }
}
