package org.orderplatform.bench.orderflow;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * CPU time used by the platform JVMs and by this benchmark, and the machine's load: on a small
 * shared machine the load generator competes with what it measures, and the figures need saying so.
 */
final class CpuMeter {

  private final List<ProcessHandle> platform;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** @param platform the platform's JVMs when this benchmark started them; empty with {@code --url} */
  CpuMeter(List<ProcessHandle> platform) {
    this.platform = List.copyOf(platform);
  }

  record Reading(long platformNanos, long benchNanos) {
  }

  /** CPU seconds over a window; {@code platformSeconds} is null when the platform runs elsewhere. */
  record Use(Double platformSeconds, double benchSeconds, double loadAverage) {
  }

  Reading read() {
    long platformNanos = platform.stream()
        .mapToLong(jvm -> jvm.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    return new Reading(platformNanos, os.getProcessCpuTime());
  }

  Use since(Reading start) {
    Reading end = read();
    return new Use(platform.isEmpty() ? null : (end.platformNanos() - start.platformNanos()) / 1e9,
        (end.benchNanos() - start.benchNanos()) / 1e9, os.getSystemLoadAverage());
  }
}
