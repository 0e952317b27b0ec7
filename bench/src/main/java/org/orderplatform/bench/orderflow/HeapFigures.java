package org.orderplatform.bench.orderflow;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The largest heap occupancy a JVM's {@code -Xlog:gc} log shows: the "before" of {@code 25M->5M(512M)}. */
final class HeapFigures {

  private static final Pattern BEFORE_AFTER = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private HeapFigures() {
  }

  static OptionalLong peakBeforeGc(Stream<String> gcLog) {
    return gcLog.map(BEFORE_AFTER::matcher).filter(Matcher::find)
        .mapToLong(m -> bytes(Long.parseLong(m.group(1)), m.group(2)))
        .max();
  }

  private static long bytes(long amount, String unit) {
    return switch (unit) {
      case "K" -> amount << 10;
      case "M" -> amount << 20;
      default -> amount << 30;
    };
  }
}
