package org.orderplatform.bench.orderflow;

import java.time.Instant;

/** Wall-clock microseconds since the epoch: the unit of the platform's {@code occurredAt} headers. */
final class Micros {

  private Micros() {
  }

  static long of(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  static long now() {
    return of(Instant.now());
  }

  /** The wall-clock time of an earlier {@link System#nanoTime()} reading, anchored to now. */
  static long atNanoTime(long nanoTime) {
    return now() - (System.nanoTime() - nanoTime) / 1_000;
  }
}
