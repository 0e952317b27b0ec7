package org.orderplatform.messaging.dispatch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.dispatch.Schedule.Admission;
import org.orderplatform.messaging.dispatch.Holds.Hold;
import org.orderplatform.messaging.dispatch.Schedule.Send;
import org.orderplatform.messaging.log.StoredEvent;
import org.orderplatform.messaging.log.StoredEvent.Readout;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the dispatcher's schedule")
class ScheduleTest {

  static Readout event(long position, String aggregate) {
    StoredEvent stored = new StoredEvent(position, UUID.randomUUID(), "t", 1, aggregate, "{}", "{}");
    return new Readout.Readable(stored, null);
  }

  static Readout unreadable(long position, String aggregate) {
    StoredEvent stored = new StoredEvent(position, UUID.randomUUID(), "t", 1, aggregate, "{}", "{}");
    return new Readout.Unreadable(stored, "Malformed", "bad");
  }

  private static List<Long> positions(Send send) {
    return send.events().stream().map(e -> e.stored().position()).toList();
  }

  @Test
  @DisplayName("one aggregate's events go one request at a time, in log order")
  void oneAtATimePerAggregate() {
    Schedule schedule = new Schedule(1, 0);
    schedule.accept(event(1, "a"));
    schedule.accept(event(2, "a"));
    schedule.accept(event(3, "b"));

    List<Send> first = schedule.take(10);
    assertThat(first).extracting(ScheduleTest::positions).containsExactly(List.of(1L), List.of(3L));
    assertThat(schedule.take(10)).as("a is busy until 1 is done").isEmpty();

    schedule.delivered(first.get(0));
    assertThat(schedule.take(10)).extracting(ScheduleTest::positions).containsExactly(List.of(2L));
  }

  @Test
  @DisplayName("a batch holds at most batchSize events, each aggregate's in order, and never an aggregate already in flight")
  void batches() {
    Schedule schedule = new Schedule(3, 0);
    for (long p = 1; p <= 6; p++) {
      schedule.accept(event(p, p % 2 == 0 ? "even" : "odd"));
    }
    List<Send> sends = schedule.take(1);
    assertThat(sends).hasSize(1);
    assertThat(positions(sends.get(0))).containsExactly(1L, 3L, 5L);
    assertThat(sends.get(0).single()).isFalse();
    assertThat(schedule.take(5)).extracting(ScheduleTest::positions).containsExactly(List.of(2L, 4L, 6L));
  }

  @Test
  @DisplayName("after a failed batch its aggregates' events go alone, then batching resumes")
  void failedBatchSplits() {
    Schedule schedule = new Schedule(10, 0);
    schedule.accept(event(1, "a"));
    schedule.accept(event(2, "a"));
    schedule.accept(event(3, "b"));
    Send batch = schedule.take(1).get(0);
    schedule.batchFailed(batch);

    List<Send> alone = schedule.take(10);
    assertThat(alone).allMatch(Send::single).extracting(ScheduleTest::positions)
        .containsExactlyInAnyOrder(List.of(1L), List.of(3L));
    alone.forEach(schedule::delivered);
    Send second = schedule.take(10).get(0);
    assertThat(positions(second)).containsExactly(2L);
    assertThat(second.single()).as("still one of the failed batch's events").isTrue();
    schedule.delivered(second);
    schedule.accept(event(4, "a"));
    assertThat(schedule.take(10).get(0).single()).as("batching resumed").isFalse();
  }

  @Test
  @DisplayName("an unreadable event goes alone, so it fails without its neighbours")
  void unreadableAlone() {
    Schedule schedule = new Schedule(10, 0);
    schedule.accept(unreadable(1, "a"));
    schedule.accept(event(2, "b"));
    List<Send> sends = schedule.take(10);
    assertThat(sends).extracting(ScheduleTest::positions).containsExactlyInAnyOrder(List.of(2L), List.of(1L));
    assertThat(sends).filteredOn(s -> positions(s).equals(List.of(1L))).allMatch(Send::single);
  }

  @Test
  @DisplayName("the cursor stays one below the oldest event not finished, and passes other groups' events")
  void cursor() {
    Schedule schedule = new Schedule(1, 10);
    schedule.accept(event(11, "a"));
    schedule.accept(event(12, "b"));
    List<Send> sends = schedule.take(10);
    schedule.delivered(sends.get(1));
    assertThat(schedule.cursor()).isEqualTo(10);
    schedule.delivered(sends.get(0));
    assertThat(schedule.cursor()).isEqualTo(12);
    schedule.passedTo(20);
    assertThat(schedule.cursor()).isEqualTo(20);
  }

  @Test
  @DisplayName("a dead letter holds its aggregate from its own position: earlier events flow, it is skipped, later ones park")
  void holds() {
    Schedule schedule = new Schedule(1, 0);
    schedule.holds().hold("a", 2, Hold.LIVE);
    assertThat(schedule.accept(event(1, "a"))).isEqualTo(Admission.QUEUED);
    assertThat(schedule.accept(event(2, "a"))).isEqualTo(Admission.SKIP);
    assertThat(schedule.accept(event(3, "a"))).isEqualTo(Admission.PARK);
    assertThat(schedule.accept(event(4, "b"))).isEqualTo(Admission.QUEUED);
    assertThat(schedule.parking("a")).isTrue();
    assertThat(schedule.cursor()).as("the park is not written yet").isEqualTo(0);

    schedule.take(10).forEach(schedule::delivered);
    schedule.parked(event(3, "a"));
    assertThat(schedule.cursor()).isEqualTo(4);
    assertThat(schedule.parking("a")).isFalse();
  }

  @Test
  @DisplayName("a resolved dead letter's own event is parked, to flow in order when its aggregate is unparked")
  void resolvedHold() {
    Schedule schedule = new Schedule(1, 0);
    schedule.holds().hold("a", 2, Hold.RESOLVED);
    assertThat(schedule.accept(event(2, "a"))).isEqualTo(Admission.PARK);
    schedule.holds().hold("b", 5, Hold.DISCARDED);
    assertThat(schedule.accept(event(5, "b"))).isEqualTo(Admission.SKIP);
  }

  @Test
  @DisplayName("when an event is dead-lettered, the rest of its aggregate's queue is handed over to be parked")
  void deadLetterParksTheRest() {
    Schedule schedule = new Schedule(1, 0);
    schedule.accept(event(1, "a"));
    schedule.accept(event(2, "a"));
    schedule.accept(event(3, "a"));
    Send first = schedule.take(10).get(0);
    List<Readout> toPark = schedule.deadLettered(first);
    assertThat(toPark).extracting(r -> r.stored().position()).containsExactly(2L, 3L);
    assertThat(schedule.holds().lowest("a")).hasValue(1);
    assertThat(schedule.active("a")).isFalse();
    toPark.forEach(schedule::parked);
    assertThat(schedule.cursor()).isEqualTo(3);
  }

  @Test
  @DisplayName("unparking stops below the next hold, and a released hold frees its aggregate")
  void nextHoldAndRelease() {
    Schedule schedule = new Schedule(1, 0);
    schedule.holds().hold("a", 2, Hold.LIVE);
    schedule.holds().hold("a", 7, Hold.LIVE);
    assertThat(schedule.holds().next("a", 2)).hasValue(7);
    schedule.accept(event(8, "a"));
    schedule.parked(event(8, "a"));
    assertThat(schedule.parkWrites("a")).isEqualTo(1);
    schedule.lift("a", 2);
    assertThat(schedule.holds().lowest("a")).hasValue(7);
    schedule.lift("a", 7);
    assertThat(schedule.parkWrites("a")).as("forgotten with the aggregate's last hold").isZero();
    assertThat(schedule.holds().lowest("a")).isEmpty();
    assertThat(schedule.accept(event(9, "a"))).isEqualTo(Admission.QUEUED);
  }

  @Test
  @DisplayName("nothing is kept for an aggregate once its events are finished")
  void forgetsFinishedAggregates() {
    Schedule schedule = new Schedule(4, 0);
    for (long p = 1; p <= 40; p++) {
      schedule.accept(event(p, "agg-" + p));
    }
    List<Send> first = schedule.take(100);
    schedule.batchFailed(first.get(0));
    first.subList(1, first.size()).forEach(schedule::delivered);
    for (List<Send> sends = schedule.take(100); !sends.isEmpty(); sends = schedule.take(100)) {
      sends.forEach(schedule::delivered);
    }
    assertThat(schedule.pendingCount()).isZero();
    assertThat(schedule.trackedKeys()).isZero();
    assertThat(schedule.cursor()).isEqualTo(40);
  }
}
