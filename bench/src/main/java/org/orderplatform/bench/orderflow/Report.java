package org.orderplatform.bench.orderflow;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The end-of-run report, as a text table or one JSON object with the same figures.
 *
 * @param platform   how the platform ran (started here, or the URL it was found at)
 * @param peakHeaps  per platform JVM, its largest heap before a GC; null when the benchmark did not start it
 */
public record Report(Options options, String platform, FlowMeasurement.Result result, Map<String, OptionalLong> peakHeaps) {

  private static final double[] PERCENTILES = {50, 90, 99, 99.9};

  /** Any order errored, or none reached the target: the exit status says so. */
  public boolean failed() {
    return result.figures().errorCount() > 0 || result.figures().reachedInWindow() == 0;
  }

  public double ordersPerSecond() {
    return result.figures().reachedInWindow() / result.windowSeconds();
  }

  /** Null when no order reached the target in the window. */
  public Double commitsPerOrder() {
    long reached = result.figures().reachedInWindow();
    return reached == 0 ? null : result.platformCommits() / (double) reached;
  }

  private String latencyLabel() {
    return options.openLoop() ? "scheduled send -> " + options.target() : "order.placed -> " + options.target();
  }

  public String text() {
    FlowLedger.Figures f = result.figures();
    StringBuilder out = new StringBuilder();
    out.append("order flow: %s, %d SKUs, %s%n".formatted(result.load(), options.skus(), platform));
    out.append("measured window %.1f s after %d s warm-up%n".formatted(result.windowSeconds(), options.warmup().toSeconds()));
    out.append("orders sent %,d, accepted %,d; reached %s in the window: %,d = %,.1f orders/s%n%n".formatted(
        f.sent(), f.accepted(), options.target(), f.reachedInWindow(), ordersPerSecond()));
    out.append("%-52s %8s %8s %8s %8s %8s %8s%n".formatted("latency (ms)", "count", "p50", "p90", "p99", "p99.9", "max"));
    out.append(row(latencyLabel(), f.placeToTarget()));
    out.append(row(options.openLoop() ? "HTTP POST /orders (from scheduled send)" : "HTTP POST /orders", f.http()));
    out.append("%nerrors: %s%n".formatted(f.errors().isEmpty() ? "none" : ""));
    f.errors().forEach((kind, count) -> out.append("  %8d  %s%n".formatted(count, kind)));
    Double commits = commitsPerOrder();
    out.append("%nPostgreSQL commits per order  %s (%,d platform commits in the window; %,d by this benchmark excluded)%n"
        .formatted(commits == null ? "n/a" : "%.2f".formatted(commits), result.platformCommits(), result.benchStatements()));
    out.append("platform peak heap (before GC) %s%n".formatted(heapText()));
    CpuMeter.Use cpu = result.cpu();
    out.append("CPU in the window              %s; this benchmark %.1f s; load average %.2f%n".formatted(
        cpu.platformSeconds() == null ? "platform n/a" : "platform %.1f s".formatted(cpu.platformSeconds()),
        cpu.benchSeconds(), cpu.loadAverage()));
    return out.toString();
  }

  public String json() {
    FlowLedger.Figures f = result.figures();
    JsonObject errors = new JsonObject();
    f.errors().forEach(errors::put);
    JsonObject json = new JsonObject()
        .put("load", options.openLoop() ? new JsonObject().put("mode", "open").put("rate", options.rate())
            : new JsonObject().put("mode", "closed").put("concurrency", options.concurrency()))
        .put("target", options.target())
        .put("skus", options.skus())
        .put("platform", platform)
        .put("windowSeconds", result.windowSeconds())
        .put("warmupSeconds", options.warmup().toSeconds())
        .put("sent", f.sent())
        .put("accepted", f.accepted())
        .put("reachedInWindow", f.reachedInWindow())
        .put("ordersPerSecond", ordersPerSecond())
        .put("latencyMillis", new JsonObject().put("between", latencyLabel()).put("figures", percentiles(f.placeToTarget())))
        .put("httpPostMillis", percentiles(f.http()))
        .put("errors", errors)
        .put("errorCount", f.errorCount())
        .put("pgCommitsPerOrder", commitsPerOrder())
        .put("pgCommitsInWindow", result.platformCommits())
        .put("cpuSeconds", new JsonObject().put("platform", result.cpu().platformSeconds())
            .put("bench", result.cpu().benchSeconds()))
        .put("loadAverage", result.cpu().loadAverage());
    if (peakHeaps == null) {
      json.putNull("peakHeapBytes");
    } else {
      JsonObject heaps = new JsonObject();
      peakHeaps.forEach((jvm, peak) -> heaps.put(jvm, peak.isPresent() ? peak.getAsLong() : null));
      json.put("peakHeapBytes", heaps);
    }
    return json.put("ok", !failed()).encodePrettily();
  }

  private static String row(String label, Histogram h) {
    StringBuilder row = new StringBuilder("%-52s %8d".formatted(label, h.getTotalCount()));
    for (double p : PERCENTILES) {
      row.append(" %8.2f".formatted(millis(h, p)));
    }
    return row.append(" %8.2f%n".formatted(h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1e3)).toString();
  }

  private static JsonObject percentiles(Histogram h) {
    JsonObject json = new JsonObject().put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      return json;
    }
    for (double p : PERCENTILES) {
      json.put("p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)), millis(h, p));
    }
    return json.put("max", h.getMaxValue() / 1e3);
  }

  private static double millis(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e3;
  }

  private String heapText() {
    if (peakHeaps == null) {
      return "n/a (platform not started by the benchmark)";
    }
    StringBuilder text = new StringBuilder();
    peakHeaps.forEach((jvm, peak) -> text.append(text.length() == 0 ? "" : ", ").append(jvm).append(" ")
        .append(peak.isPresent() ? "%.0f MiB".formatted(peak.getAsLong() / (1024.0 * 1024)) : "n/a (no GC yet)"));
    return text.toString();
  }
}
