package org.orderplatform.plumbing.config;

/** Numbers in configuration: a fallback when unset, a failure naming the setting when out of range. */
public final class Numbers {

  private Numbers() {
  }

  public static int integer(String value, int fallback, String what, int min, int max) {
    return (int) whole(value, fallback, what, min, max);
  }

  public static long whole(String value, long fallback, String what, long min, long max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new IllegalArgumentException(what + " must be a number from " + min + " to " + max + ", got '" + value + "'");
  }

  public static double decimal(String value, double fallback, String what, double min, double max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      double number = Double.parseDouble(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new IllegalArgumentException(what + " must be a number from " + min + " to " + max + ", got '" + value + "'");
  }
}
