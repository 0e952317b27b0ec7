package org.orderplatform.bench.orderflow;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the flow ledger")
class FlowLedgerTest {

  private static final String TARGET = "inventory.stock-reserved";
  private static final String REJECTED = "inventory.stock-rejected";
  private static final String NEVER = "never reached " + TARGET + " within the grace period";

  @Test
  @DisplayName("measures placed -> target even when both events are read before the order's 201")
  void eventsBeforeAnswer() {
    FlowLedger ledger = new FlowLedger(TARGET, false);
    ledger.sent();
    ledger.event(FlowLedger.PLACED, "o1", 1_000);
    ledger.event(TARGET, "o1", 4_500);
    ledger.accepted("o1", 900, 1_200, true);

    FlowLedger.Figures figures = ledger.figures(0, 10_000);

    assertThat(figures.placeToTarget().getTotalCount()).isEqualTo(1);
    assertThat(figures.placeToTarget().getMaxValue()).isEqualTo(figures.placeToTarget().highestEquivalentValue(3_500));
    assertThat(figures.http().getMaxValue()).isEqualTo(300);
    assertThat(figures.errors()).isEmpty();
    assertThat(ledger.settled()).isTrue();
  }

  @Test
  @DisplayName("in an open loop counts from the scheduled send, so a late send is not hidden")
  void openLoopFromSchedule() {
    FlowLedger ledger = new FlowLedger(TARGET, true);
    ledger.sent();
    ledger.accepted("o1", 1_000, 9_000, true);
    ledger.event(FlowLedger.PLACED, "o1", 8_000);
    ledger.event(TARGET, "o1", 10_000);

    FlowLedger.Figures figures = ledger.figures(0, 20_000);

    assertThat(figures.placeToTarget().getMaxValue()).isEqualTo(figures.placeToTarget().highestEquivalentValue(9_000));
    assertThat(figures.http().getMaxValue()).isEqualTo(figures.http().highestEquivalentValue(8_000));
  }

  @Test
  @DisplayName("counts a rejected order and one that never got there as errors, not as reached")
  void errors() {
    FlowLedger ledger = new FlowLedger(TARGET, false);
    ledger.sent();
    ledger.sent();
    ledger.sent();
    ledger.accepted("rejected", 0, 10, true);
    ledger.accepted("silent", 0, 10, true);
    ledger.failed("HTTP 422 /problems/unknown-product", 50, true);
    ledger.event(FlowLedger.PLACED, "rejected", 5);
    ledger.event(REJECTED, "rejected", 20);
    ledger.event(TARGET, "rejected", 30);

    FlowLedger.Figures figures = ledger.figures(0, 1_000);

    assertThat(figures.reachedInWindow()).isZero();
    assertThat(figures.errors()).containsOnly(
        Map.entry("HTTP 422 /problems/unknown-product", 1L),
        Map.entry("ended in " + REJECTED + " instead of " + TARGET, 1L),
        Map.entry(NEVER, 1L));
    assertThat(ledger.settled()).isFalse();
  }

  @ParameterizedTest(name = "open loop: {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("agrees with a simple model over random orders, answers and event interleavings")
  void randomised(boolean openLoop) {
    for (int seed = 0; seed < 50; seed++) {
      checkAgainstModel(new Random(seed), openLoop);
    }
  }

  /** One order as the model sees it; times in microseconds. */
  private record Planned(String id, boolean answered, boolean measured, long scheduled, long answeredAt,
                         long placed, List<String> endings, List<Long> endingTimes) {
  }

  private static void checkAgainstModel(Random random, boolean openLoop) {
    long windowStart = 10_000;
    long windowEnd = 60_000;
    List<Planned> orders = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      long scheduled = random.nextInt(70_000);
      long placed = scheduled + 1 + random.nextInt(500);
      List<String> endings = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      long at = placed;
      for (int e = random.nextInt(3); e > 0; e--) {
        at += 1 + random.nextInt(5_000);
        endings.add(random.nextInt(4) == 0 ? REJECTED : TARGET);
        times.add(at);
      }
      orders.add(new Planned("o" + i, random.nextInt(10) > 0, scheduled >= windowStart, scheduled,
          placed + random.nextInt(300), placed, endings, times));
    }
    FlowLedger ledger = new FlowLedger(TARGET, openLoop);
    // Each order's log events keep their order (the log is position-ordered); its answer may come anywhere.
    List<List<Runnable>> streams = new ArrayList<>();
    for (Planned order : orders) {
      List<Runnable> stream = new ArrayList<>();
      stream.add(() -> ledger.event(FlowLedger.PLACED, order.id(), order.placed()));
      for (int e = 0; e < order.endings().size(); e++) {
        String type = order.endings().get(e);
        long time = order.endingTimes().get(e);
        stream.add(() -> ledger.event(type, order.id(), time));
      }
      Runnable answer = order.answered()
          ? () -> ledger.accepted(order.id(), order.scheduled(), order.answeredAt(), order.measured())
          : () -> ledger.failed("HTTP 500 /problems/internal", order.answeredAt() - order.scheduled(), order.measured());
      stream.add(random.nextInt(stream.size() + 1), answer);
      streams.add(stream);
      ledger.sent();
    }
    while (!streams.isEmpty()) {
      List<Runnable> stream = streams.get(random.nextInt(streams.size()));
      stream.remove(0).run();
      if (stream.isEmpty()) {
        streams.remove(stream);
      }
    }

    Histogram latency = new Histogram(FlowLedger.HIGHEST_MICROS, 3);
    Histogram http = new Histogram(FlowLedger.HIGHEST_MICROS, 3);
    Map<String, Long> errors = new TreeMap<>();
    long inWindow = 0;
    long reached = 0;
    long accepted = 0;
    for (Planned order : orders) {
      if (order.measured()) {
        http.recordValue(order.answeredAt() - order.scheduled());
      }
      if (!order.answered()) {
        errors.merge("HTTP 500 /problems/internal", 1L, Long::sum);
        continue;
      }
      accepted++;
      String ending = order.endings().isEmpty() ? null : order.endings().get(0);
      if (ending == null) {
        errors.merge(NEVER, 1L, Long::sum);
      } else if (!ending.equals(TARGET)) {
        errors.merge("ended in " + ending + " instead of " + TARGET, 1L, Long::sum);
      } else {
        reached++;
        long at = order.endingTimes().get(0);
        inWindow += at >= windowStart && at < windowEnd ? 1 : 0;
        if (order.measured()) {
          latency.recordValue(at - (openLoop ? order.scheduled() : order.placed()));
        }
      }
    }

    FlowLedger.Figures figures = ledger.figures(windowStart, windowEnd);
    assertThat(figures.sent()).isEqualTo(orders.size());
    assertThat(figures.accepted()).isEqualTo(accepted);
    assertThat(figures.reachedInWindow()).isEqualTo(inWindow);
    assertThat(figures.errors()).isEqualTo(errors);
    assertThat(figures.placeToTarget()).isEqualTo(latency);
    assertThat(figures.http()).isEqualTo(http);
    assertThat(ledger.progress().reached()).isEqualTo(reached);
    assertThat(ledger.progress().inFlight()).isZero();
    assertThat(ledger.progress().awaitingTarget()).isEqualTo(errors.getOrDefault(NEVER, 0L));
  }
}
