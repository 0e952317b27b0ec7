package org.orderplatform.plumbing.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in configuration, written as PostgreSQL writes them: {@code 500ms}, {@code 4s}, {@code 2min}. */
public final class Durations {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min)");

  private Durations() {
  }

  /**
   * The value as a duration within {@code [min, max]}, or {@code fallback} when it is unset or
   * blank. The unit is required; anything else fails naming {@code what} and the value.
   */
  public static Duration parse(String value, Duration fallback, String what, Duration min, Duration max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    Matcher matcher = DURATION.matcher(value.trim());
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      Duration parsed = switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMinutes(amount);
      };
      if (parsed.compareTo(min) >= 0 && parsed.compareTo(max) <= 0) {
        return parsed;
      }
    }
    throw new IllegalArgumentException(what + " must be a duration from " + min.toMillis() + "ms to " + max.toMillis()
        + "ms such as 500ms, 4s or 2min, got '" + value + "'");
  }
}
