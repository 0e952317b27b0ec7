package org.orderplatform.launcher.saga;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.Awaiting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's cancellation racing the payment's authorisation, 100 times, with the real inventory,
 * payment service and provider simulator: each order ends CANCELLED, either never charged or
 * charged and refunded once, with its stock back. Never charged and cancelled without a refund.
 */
@DisplayName("cancellation racing the payment")
class CancelRaceTest {

  private static final int ORDERS = 100;
  private static SagaHarness platform;

  @BeforeAll
  static void start() {
    // A little provider latency widens the window in which the charge is under way.
    platform = SagaHarness.start(Map.of("PROVIDER_LATENCY", "5ms"));
    platform.product("RACE-1", 1_000);
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @DisplayName("cancel racing the authorisation 100 times always ends consistent: cancelled before the charge, or charged and refunded")
  void cancelRacesAuthorisation() {
    Random random = new Random(Long.getLong("race.seed", 11L));
    List<UUID> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      UUID order = platform.place("RACE-1", 1, null);
      LockSupport.parkNanos(Duration.ofMillis(random.nextInt(40)).toNanos());
      var cancelled = platform.service.post("/orders/" + order + "/cancel", new JsonObject().put("reason", "race " + i).encode());
      assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
      orders.add(order);
    }

    int charged = 0;
    for (UUID order : orders) {
      platform.awaitStatus(order, "CANCELLED");
      long charges = platform.charges(order);
      Awaiting.eventually(() -> platform.refunds(order), refunds -> refunds == charges, Duration.ofSeconds(20),
          "order " + order + ": as many refunds as charges (" + charges + ")");
      assertThat(charges).as("order " + order).isLessThanOrEqualTo(1);
      charged += (int) charges;
    }
    Awaiting.eventually(() -> platform.reserved("RACE-1"), reserved -> reserved == 0, Duration.ofSeconds(20),
        "every reservation released");
    assertThat(platform.onHand("RACE-1")).isEqualTo(1_000);
    System.out.printf("CancelRaceTest: %d of %d orders were charged before the cancellation and refunded%n", charged,
        ORDERS);
  }
}
