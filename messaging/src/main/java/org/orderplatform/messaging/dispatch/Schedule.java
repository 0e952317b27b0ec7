package org.orderplatform.messaging.dispatch;

import org.orderplatform.messaging.log.StoredEvent.Readout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a group's dispatcher knows and decides, without any I/O: which events are read and not yet
 * finished, what may be sent next, which aggregates are blocked by dead letters, and how far the
 * cursor may move. The dispatcher does the I/O and reports back.
 *
 * <p>Rules: an aggregate has at most one request in flight, and its events go in log order. An
 * aggregate is <em>blocked</em> from the position of its lowest dead letter: events before it flow,
 * an event that is itself dead-lettered (live or discarded) is skipped, every later one is parked.
 * The cursor is one below the oldest read event not yet finished.
 */
public final class Schedule {

  /** What happens to an event just read. */
  public enum Admission { QUEUED, PARK, SKIP }

  /** One request: some aggregates' next events as a batch, or a single event sent alone (with retries). */
  public record Send(List<String> aggregates, List<Readout> events, Map<String, Integer> counts, boolean single) {
  }

  private final int batchSize;
  private long readPosition;
  private final TreeSet<Long> pending = new TreeSet<>();
  private final Map<String, ArrayDeque<Readout>> queues = new HashMap<>();
  private final LinkedHashSet<String> ready = new LinkedHashSet<>();
  private final Set<String> busy = new HashSet<>();
  private final Map<String, Integer> solo = new HashMap<>();
  private final Holds holds = new Holds();
  private final Map<String, Integer> parking = new HashMap<>();
  // Park writes landed per held aggregate; dropped once the aggregate has no hold left.
  private final Map<String, Long> parkWrites = new HashMap<>();
  private int inFlight;

  public Schedule(int batchSize, long cursor) {
    this.batchSize = batchSize;
    this.readPosition = cursor;
  }

  public long readPosition() {
    return readPosition;
  }

  public int pendingCount() {
    return pending.size();
  }

  /** The position below the oldest event read and not finished: safe to store as the cursor. */
  public long cursor() {
    return pending.isEmpty() ? readPosition : pending.first() - 1;
  }

  /** Nothing of this group lies between the last read event and {@code head}. */
  public void passedTo(long head) {
    readPosition = Math.max(readPosition, head);
  }

  /** The dead letters holding this group's aggregates. */
  public Holds holds() {
    return holds;
  }

  public Admission accept(Readout event) {
    long position = event.stored().position();
    String aggregate = event.stored().aggregateId();
    readPosition = position;
    Holds.Verdict verdict = holds.verdict(aggregate, position);
    if (verdict == Holds.Verdict.SKIP) {
      return Admission.SKIP;
    }
    if (verdict == Holds.Verdict.PARK) {
      pending.add(position);
      parking.merge(aggregate, 1, Integer::sum);
      return Admission.PARK;
    }
    pending.add(position);
    queues.computeIfAbsent(aggregate, a -> new ArrayDeque<>()).add(event);
    if (!busy.contains(aggregate)) {
      ready.add(aggregate);
    }
    return Admission.QUEUED;
  }

  /** The next requests that fit under {@code maxInFlight}, each marked in flight. */
  public List<Send> take(int maxInFlight) {
    List<Send> sends = new ArrayList<>();
    while (!ready.isEmpty() && inFlight < maxInFlight) {
      sends.add(batchSize == 1 ? single(ready.iterator().next()) : batch());
      inFlight++;
    }
    return sends;
  }

  private Send batch() {
    List<String> aggregates = new ArrayList<>();
    List<Readout> events = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    for (var it = ready.iterator(); it.hasNext() && events.size() < batchSize; ) {
      String aggregate = it.next();
      ArrayDeque<Readout> queue = queues.get(aggregate);
      if (solo.containsKey(aggregate) || queue.peek() instanceof Readout.Unreadable) {
        continue;
      }
      int taken = 0;
      for (Readout readout : queue) {
        if (!(readout instanceof Readout.Readable) || events.size() >= batchSize) {
          break;
        }
        events.add(readout);
        taken++;
      }
      it.remove();
      busy.add(aggregate);
      aggregates.add(aggregate);
      counts.put(aggregate, taken);
    }
    // Everything ready must go alone: an unreadable head, or the pieces of a failed batch.
    return events.isEmpty() ? single(ready.iterator().next()) : new Send(aggregates, events, counts, false);
  }

  private Send single(String aggregate) {
    ready.remove(aggregate);
    busy.add(aggregate);
    return new Send(List.of(aggregate), List.of(queues.get(aggregate).peek()), Map.of(aggregate, 1), true);
  }

  /** The request was acknowledged. Returns events to park: those behind a hold that appeared meanwhile. */
  public List<Readout> delivered(Send send) {
    inFlight--;
    List<Readout> toPark = new ArrayList<>();
    send.aggregates().forEach(aggregate -> finish(aggregate, send.counts().get(aggregate), toPark));
    return toPark;
  }

  /** A batch failed: each of its aggregates sends its events one by one, so a poison event fails alone. */
  public void batchFailed(Send send) {
    inFlight--;
    for (String aggregate : send.aggregates()) {
      solo.put(aggregate, send.counts().get(aggregate));
      busy.remove(aggregate);
      ready.add(aggregate);
    }
  }

  /** A single event failed for good and its dead letter is stored: it holds its aggregate from now on. */
  public List<Readout> deadLettered(Send send) {
    String aggregate = send.aggregates().get(0);
    holds.hold(aggregate, send.events().get(0).stored().position(), Holds.Hold.LIVE);
    return delivered(send);
  }

  /** A park write landed. */
  public void parked(Readout event) {
    parkWrites.merge(event.stored().aggregateId(), 1L, Long::sum);
    pending.remove(event.stored().position());
    parking.computeIfPresent(event.stored().aggregateId(), (a, n) -> n > 1 ? n - 1 : null);
  }

  private void finish(String aggregate, int count, List<Readout> toPark) {
    ArrayDeque<Readout> queue = queues.get(aggregate);
    for (int i = 0; i < count; i++) {
      pending.remove(queue.poll().stored().position());
    }
    solo.computeIfPresent(aggregate, (a, left) -> left > count ? left - count : null);
    busy.remove(aggregate);
    OptionalLong from = holds.lowest(aggregate);
    while (!queue.isEmpty() && from.isPresent() && queue.peek().stored().position() >= from.getAsLong()) {
      parking.merge(aggregate, 1, Integer::sum); // a park write is about to be made for it
      toPark.add(queue.poll());
    }
    if (queue.isEmpty()) {
      queues.remove(aggregate);
      solo.remove(aggregate);
    } else {
      ready.add(aggregate);
    }
  }

  /** True while events of the aggregate sit in memory or in flight: acting on its dead letter must wait. */
  public boolean active(String aggregate) {
    return queues.containsKey(aggregate) || busy.contains(aggregate);
  }

  /** How many park writes of the aggregate have landed: unparking compares it before and after a look. */
  public long parkWrites(String aggregate) {
    return parkWrites.getOrDefault(aggregate, 0L);
  }

  /** The aggregate's hold at {@code position} is lifted (its parked events have flowed). */
  public void lift(String aggregate, long position) {
    holds.release(aggregate, position);
    if (holds.lowest(aggregate).isEmpty()) {
      parkWrites.remove(aggregate);
    }
  }

  /** True while park writes of the aggregate are still under way. */
  public boolean parking(String aggregate) {
    return parking.containsKey(aggregate);
  }

  /** Sizes of the internal maps, for tests that check nothing is kept forever. */
  int trackedKeys() {
    return queues.size() + busy.size() + solo.size() + parking.size() + ready.size();
  }
}
