package org.orderplatform.order.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.orderplatform.order.domain.OrderState;
import org.orderplatform.order.domain.OrderStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The order service's meters, counted by its use cases once their transaction has committed:
 * <ul>
 *   <li>{@code orders_placed_total};</li>
 *   <li>{@code orders_terminal_total{status}}: orders reaching {@code CONFIRMED} (the saga's success)
 *       or an end ({@code REJECTED}, {@code CANCELLED}, {@code COMPLETED}, {@code DELIVERY_FAILED});
 *       a confirmed order that goes on to an end counts there too;</li>
 *   <li>{@code saga_duration_seconds{outcome}}: from the order's placement to the event that took
 *       it there ({@code confirmed}, {@code rejected}, …), as a histogram for percentiles.</li>
 * </ul>
 */
public final class OrderMeters {

  /** An order reached a counted status, this long after it was placed. */
  record Reached(OrderStatus status, Duration sincePlaced) {
  }

  private final Counter placed;
  private final Map<OrderStatus, Counter> reached = new EnumMap<>(OrderStatus.class);
  private final Map<OrderStatus, Timer> durations = new EnumMap<>(OrderStatus.class);

  public OrderMeters(MeterRegistry meters) {
    this.placed = Counter.builder("orders.placed").description("Orders placed").register(meters);
    Arrays.stream(OrderStatus.values()).filter(OrderMeters::counted).forEach(status -> {
      reached.put(status, Counter.builder("orders.terminal")
          .description("Orders reaching CONFIRMED (the saga's success) or an end")
          .tag("status", status.name()).register(meters));
      durations.put(status, Timer.builder("saga.duration")
          .description("From an order's placement to its confirmation or its end")
          .tag("outcome", status.name().toLowerCase(Locale.ROOT))
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(5))
          .maximumExpectedValue(Duration.ofHours(1))
          .register(meters));
    });
  }

  private static boolean counted(OrderStatus status) {
    return status == OrderStatus.CONFIRMED || status.terminal();
  }

  void placed() {
    placed.increment();
  }

  /** What {@code before} becoming {@code after} at {@code at} counts, or null when it counts nothing. */
  static Reached reached(OrderState before, OrderState after, Instant at) {
    if (after.status() == before.status() || !counted(after.status())) {
      return null;
    }
    return new Reached(after.status(), Duration.between(after.placedAt(), at));
  }

  void record(Reached reached) {
    this.reached.get(reached.status()).increment();
    durations.get(reached.status()).record(reached.sincePlaced());
  }
}
