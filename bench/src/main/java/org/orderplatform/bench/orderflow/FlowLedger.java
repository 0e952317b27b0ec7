package org.orderplatform.bench.orderflow;

import org.HdrHistogram.Histogram;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark knows about every order: its HTTP answer and the log events seen for it. The
 * HTTP side and the log tail report in any order (an order's events may be read before its 201
 * arrives), so both fill the same entry and the figures are computed from whatever has arrived.
 * Times are wall-clock microseconds since the epoch; no I/O here.
 */
public final class FlowLedger {

  public static final String PLACED = "order.placed";
  static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  private final String target;
  private final boolean fromSchedule;
  private final Map<String, Flow> flows = new HashMap<>();
  private final Map<String, Long> httpErrors = new TreeMap<>();
  private final Histogram http = histogram();
  private long sent;
  private long answered;
  private long accepted;
  private long reached;
  private long endedElsewhere;

  /**
   * @param fromSchedule open loop: latency counts from each order's scheduled send time, not from its
   *                     {@code order.placed} event, so a slow answer cannot hide queueing
   */
  public FlowLedger(String target, boolean fromSchedule) {
    this.target = target;
    this.fromSchedule = fromSchedule;
  }

  private static final class Flow {
    boolean registered;
    boolean measured;
    long scheduled = -1;
    long placed = -1;
    long reached = -1;
    String endedAs;
  }

  /** The counters of the live progress line. */
  public record Progress(long sent, long accepted, long reached, long inFlight, long awaitingTarget, long errors) {
  }

  /** The figures of a run; latencies in microseconds. */
  public record Figures(long sent, long accepted, long reachedInWindow, long measuredOrders,
                        Histogram placeToTarget, Histogram http, Map<String, Long> errors) {
    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public synchronized void sent() {
    sent++;
  }

  /** A 201 with the order's id; {@code measured} when it was scheduled inside the measured window. */
  public synchronized void accepted(String orderId, long scheduledMicros, long answeredMicros, boolean measured) {
    answered++;
    accepted++;
    Flow flow = flows.computeIfAbsent(orderId, id -> new Flow());
    flow.registered = true;
    flow.measured = measured;
    flow.scheduled = scheduledMicros;
    if (flow.reached >= 0) {
      reached++;
    } else if (flow.endedAs != null) {
      endedElsewhere++;
    }
    if (measured) {
      record(http, answeredMicros - scheduledMicros);
    }
  }

  /** Any other answer: {@code httpMicros} is the answer's latency, or negative when none came. */
  public synchronized void failed(String kind, long httpMicros, boolean measured) {
    answered++;
    httpErrors.merge(kind, 1L, Long::sum);
    if (measured && httpMicros >= 0) {
      record(http, httpMicros);
    }
  }

  /** An event read from the log; only the first of each kind per order counts. */
  public synchronized void event(String type, String orderId, long occurredMicros) {
    Flow flow = flows.computeIfAbsent(orderId, id -> new Flow());
    if (type.equals(PLACED) && flow.placed < 0) {
      flow.placed = occurredMicros;
    }
    if (type.equals(target)) {
      if (flow.reached < 0 && flow.endedAs == null) {
        flow.reached = occurredMicros;
        reached += flow.registered ? 1 : 0;
      }
    } else if (!type.equals(PLACED) && flow.reached < 0 && flow.endedAs == null) {
      flow.endedAs = type;
      endedElsewhere += flow.registered ? 1 : 0;
    }
  }

  public synchronized Progress progress() {
    long errors = httpErrors.values().stream().mapToLong(Long::longValue).sum() + endedElsewhere;
    return new Progress(sent, accepted, reached, sent - answered, accepted - reached - endedElsewhere, errors);
  }

  /** Every request answered and every accepted order at the target or ended another way. */
  public synchronized boolean settled() {
    return answered == sent && reached + endedElsewhere == accepted;
  }

  /** The run's figures; throughput counts target events inside [{@code windowStart}, {@code windowEnd}). */
  public synchronized Figures figures(long windowStart, long windowEnd) {
    Histogram latency = histogram();
    Map<String, Long> errors = new TreeMap<>(httpErrors);
    long inWindow = 0;
    long measuredOrders = 0;
    for (Flow flow : flows.values()) {
      if (!flow.registered) {
        continue;
      }
      if (flow.reached >= windowStart && flow.reached < windowEnd) {
        inWindow++;
      }
      if (flow.endedAs != null) {
        errors.merge("ended in " + flow.endedAs + " instead of " + target, 1L, Long::sum);
      } else if (flow.reached < 0) {
        errors.merge("never reached " + target + " within the grace period", 1L, Long::sum);
      } else if (flow.measured && (fromSchedule || flow.placed >= 0)) {
        measuredOrders++;
        record(latency, flow.reached - (fromSchedule ? flow.scheduled : flow.placed));
      }
    }
    return new Figures(sent, accepted, inWindow, measuredOrders, latency, http.copy(), errors);
  }

  private static Histogram histogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  private static void record(Histogram histogram, long micros) {
    histogram.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, micros)));
  }
}
