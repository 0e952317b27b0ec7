package org.orderplatform.bench.orderflow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the peak heap read from a GC log")
class HeapFiguresTest {

  @Test
  @DisplayName("is the largest occupancy before any collection, in any unit")
  void largestBefore() {
    Stream<String> log = Stream.of(
        "[0.010s][info][gc] Using G1",
        "[0.812s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->4M(512M) 3.123ms",
        "[1.900s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 131072K->6M(512M) 2.001ms",
        "[2.400s][info][gc] GC(2) Pause Full (System.gc()) 60M->30M(512M) 40.1ms");

    assertThat(HeapFigures.peakBeforeGc(log)).isEqualTo(OptionalLong.of(128L << 20));
  }

  @Test
  @DisplayName("is absent when the JVM has not collected yet")
  void noCollection() {
    assertThat(HeapFigures.peakBeforeGc(Stream.of("[0.010s][info][gc] Using G1"))).isEmpty();
  }
}
