package org.orderplatform.plumbing.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.context.storage.ContextLocal;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The order and trace that the work under way is about, for the log lines it writes
 * ({@code order_id}, {@code trace_id} in {@code LOG_FORMAT=json}). Kept in Vert.x's context-local
 * storage of the current duplicated context (one per HTTP request, one per bus message), not in a
 * thread-local MDC: an event-loop thread runs many requests' tasks interleaved, and a thread-local
 * would carry one request's fields into the next task's lines.
 */
public final class LogContext {

  /** What a log line is about; either part may be null. */
  public record Fields(String orderId, String traceId) {
    public static final Fields NONE = new Fields(null, null);
  }

  // Registered when Vert.x loads its service providers (see Registration), before any Vertx exists:
  // a Vertx sizes its contexts' local storage for the locals registered by then.
  private static final ContextLocal<Fields> FIELDS = ContextLocal.registerLocal(Fields.class);

  private LogContext() {
  }

  /** Makes sure the context-local exists; {@link Registration} calls it as each {@code Vertx} boots. */
  static void register() {
    Objects.requireNonNull(FIELDS);
  }

  /** The fields of the current duplicated context, or {@link Fields#NONE} outside one. */
  public static Fields current() {
    Context context = duplicated();
    if (context == null) {
      return Fields.NONE;
    }
    Fields fields = FIELDS.get(context);
    return fields == null ? Fields.NONE : fields;
  }

  /**
   * Says that what runs from now on in the current request or message is about {@code orderId}
   * within the trace of {@code traceparent} (either may be null). Nothing outside a duplicated
   * context: a shared event-loop context would leak the fields into unrelated work.
   */
  public static void enter(UUID orderId, String traceparent) {
    Context context = duplicated();
    if (context != null) {
      FIELDS.put(context, fields(orderId, traceparent));
    }
  }

  /**
   * Runs {@code work} (synchronous: a log line, a decision) with the fields of {@code orderId} and
   * {@code traceparent}, then puts the earlier fields back: for a batch that handles many orders
   * in one message.
   */
  public static <T> T during(UUID orderId, String traceparent, Supplier<T> work) {
    Context context = duplicated();
    if (context == null) {
      return work.get();
    }
    Fields before = FIELDS.get(context);
    FIELDS.put(context, fields(orderId, traceparent));
    try {
      return work.get();
    } finally {
      if (before == null) {
        FIELDS.remove(context);
      } else {
        FIELDS.put(context, before);
      }
    }
  }

  /** {@link #during} for work that returns nothing. */
  public static void during(UUID orderId, String traceparent, Runnable work) {
    during(orderId, traceparent, () -> {
      work.run();
      return null;
    });
  }

  /** The trace id of a W3C {@code traceparent} ({@code 00-<trace>-<span>-<flags>}), or null. */
  public static String traceId(String traceparent) {
    if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-' || traceparent.charAt(35) != '-') {
      return null;
    }
    return traceparent.substring(3, 35);
  }

  private static Fields fields(UUID orderId, String traceparent) {
    return new Fields(orderId == null ? null : orderId.toString(), traceId(traceparent));
  }

  private static Context duplicated() {
    Context context = Vertx.currentContext();
    return context instanceof ContextInternal internal && internal.isDuplicate() ? context : null;
  }
}
