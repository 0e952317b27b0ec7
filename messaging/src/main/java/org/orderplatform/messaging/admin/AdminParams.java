package org.orderplatform.messaging.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.orderplatform.plumbing.http.Problem;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * How every admin route reads its query parameters, path parameters and body fields: a bad one is
 * a 4xx problem naming it, never a 500 and never silently read as something else.
 */
final class AdminParams {

  private AdminParams() {
  }

  /** A query parameter, or null when it is absent or blank. */
  static String param(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** A whole-number query parameter from {@code min} to {@code max}, or the fallback when absent. */
  static long longParam(RoutingContext ctx, String name, long fallback, long min, long max) {
    String value = param(ctx, name);
    if (value == null) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.invalid(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'")
        .exception();
  }

  /** The {@code :id} of a dead letter; one that is not a number names no dead letter. */
  static long idParam(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw Problem.notFound("dead letter " + ctx.pathParam("id")).exception();
    }
  }

  /** An optional text field: null when absent, a problem when it is there but not a string. */
  static String text(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw Problem.invalid(name + " must be a string").exception();
  }

  /** A text field that must be there and not blank; {@code why} says what it is for. */
  static String requiredText(JsonObject body, String name, String why) {
    String value = text(body, name);
    if (value == null || value.isBlank()) {
      throw Problem.invalid(name + " is required: " + why).exception();
    }
    return value;
  }

  /** An optional position in the log: a whole number from 0, or null when absent. */
  static Long position(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    // Jackson reads 2.5 and 1e30 as doubles and very long numbers as BigInteger: none is a position.
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
      return ((Number) value).longValue();
    }
    throw Problem.invalid(name + " must be a whole number from 0, got " + value).exception();
  }

  // What a timestamptz holds (4713 BC to 294276 AD). Java reads years up to a billion: the client
  // sends some of those past 294276 as they are, and PostgreSQL refuses them with an error.
  private static final OffsetDateTime EARLIEST = OffsetDateTime.parse("-4713-11-24T00:00:00Z");
  private static final OffsetDateTime LATEST = OffsetDateTime.parse("+294276-12-31T23:59:59.999999Z");

  /** An optional ISO-8601 timestamp with offset, from 4713 BC to 294276 AD, or null when absent. */
  static OffsetDateTime timestamp(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse((String) value);
    } catch (ClassCastException | DateTimeParseException e) {
      throw Problem.invalid(name + " must be an ISO-8601 timestamp with offset, e.g. 2026-01-31T10:00:00Z").exception();
    }
    if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
      throw Problem.invalid(name + " must be from 4713 BC to 294276 AD, got " + value).exception();
    }
    return time;
  }
}
