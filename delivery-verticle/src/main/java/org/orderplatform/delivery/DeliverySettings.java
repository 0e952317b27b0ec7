package org.orderplatform.delivery;

import org.orderplatform.delivery.domain.AutoProgress;
import org.orderplatform.delivery.domain.Carriers;
import org.orderplatform.plumbing.config.Durations;
import org.orderplatform.plumbing.config.Numbers;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The delivery service's settings, read once from the environment.
 *
 * @param carriers     {@code DELIVERY_CARRIERS} ({@value Carriers#DEFAULT}): carrier and days to
 *                     deliver by destination country, {@code *} for every other country
 * @param autoProgress {@code DELIVERY_AUTOPROGRESS} (off): an interval such as {@code 2s} after which
 *                     a shipment moves on by itself (scheduled → dispatched → delivered); for demos
 * @param scanBatch    {@code DELIVERY_AUTOPROGRESS_BATCH} (100): shipments advanced per transaction
 */
public record DeliverySettings(Carriers carriers, AutoProgress autoProgress, int scanBatch) {

  private static final Duration MIN_STEP = Duration.ofMillis(10);
  private static final Duration MAX_STEP = Duration.ofDays(1);

  public static DeliverySettings from(Function<String, String> env) {
    return new DeliverySettings(carriers(env.apply("DELIVERY_CARRIERS")), autoProgress(env.apply("DELIVERY_AUTOPROGRESS")),
        Numbers.integer(env.apply("DELIVERY_AUTOPROGRESS_BATCH"), 100, "DELIVERY_AUTOPROGRESS_BATCH", 1, 10_000));
  }

  private static Carriers carriers(String value) {
    try {
      return Carriers.parse(value == null || value.isBlank() ? Carriers.DEFAULT : value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DELIVERY_CARRIERS: " + e.getMessage() + ", got '" + value + "'", e);
    }
  }

  private static AutoProgress autoProgress(String value) {
    if (value == null || value.isBlank() || value.trim().toLowerCase(Locale.ROOT).equals("off")) {
      return AutoProgress.OFF;
    }
    return AutoProgress.every(Durations.parse(value, null, "DELIVERY_AUTOPROGRESS", MIN_STEP, MAX_STEP));
  }

  /** How often the scan looks for due steps: a quarter of the step, between 25 ms and 1 s. */
  public Duration scanEvery() {
    Duration quarter = autoProgress.every().orElse(Duration.ofSeconds(4)).dividedBy(4);
    return quarter.compareTo(Duration.ofMillis(25)) < 0 ? Duration.ofMillis(25)
        : quarter.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : quarter;
  }
}
