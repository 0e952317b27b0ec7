package org.orderplatform.plumbing.config;

import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of the environment, each with its default, failing with one line that
 * names the variable and the expected form. Every service's settings record is read through it.
 */
public final class Settings {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|min)");

  private final Function<String, String> env;

  public Settings(Function<String, String> env) {
    this.env = env;
  }

  public String text(String name, String fallback) {
    String value = env.apply(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** {@code 500ms}, {@code 4s} or {@code 2min}, as PostgreSQL writes them; the unit is required. */
  public Duration duration(String name, Duration fallback) {
    return duration(env.apply(name), fallback, name);
  }

  public int number(String name, int fallback, int min, int max) {
    return number(env.apply(name), fallback, name, min, max);
  }

  public static Duration duration(String value, Duration fallback, String what) {
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
      // PostgreSQL keeps its timeouts in an int of milliseconds; no setting here needs more.
      if (parsed.toMillis() >= 1 && parsed.toMillis() <= Integer.MAX_VALUE) {
        return parsed;
      }
    }
    throw new IllegalArgumentException(what + " must be a duration from 1ms to 24 days such as 500ms, 4s or 2min, got '"
        + value + "'");
  }

  public static int number(String value, int fallback, String what, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number < min || number > max) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a number from " + min + " to " + max + ", got '" + value + "'");
    }
  }
}
