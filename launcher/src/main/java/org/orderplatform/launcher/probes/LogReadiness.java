package org.orderplatform.launcher.probes;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.sqlclient.Pool;
import org.orderplatform.launcher.PlatformConfig;
import org.orderplatform.messaging.admin.LogAges;
import org.orderplatform.runtime.ReadinessCheck;

import java.time.Duration;

/**
 * {@value #NAME}: the event log moves. The oldest event not yet sequenced, and the oldest open
 * transaction on the server (which holds the sequencer's watermark, and with it every group),
 * are younger than their limits; the ages are the admin API's ({@link LogAges}).
 */
public final class LogReadiness {

  public static final String NAME = "log";

  private LogReadiness() {
  }

  public static ReadinessCheck check(Pool eventLogPool, PlatformConfig.Readiness limits) {
    return new ReadinessCheck(NAME, () -> LogAges.read(eventLogPool).map(ages -> {
      JsonObject data = new JsonObject()
          .put("oldestUnsequencedSeconds", ages.oldestUnsequencedSeconds())
          .put("oldestTransactionSeconds", ages.oldestTransactionSeconds())
          .put("maxUnsequencedSeconds", seconds(limits.maxUnsequencedAge()))
          .put("maxTransactionSeconds", seconds(limits.maxTransactionAge()));
      boolean unsequencedOk = within(ages.oldestUnsequencedSeconds(), limits.maxUnsequencedAge());
      boolean transactionOk = within(ages.oldestTransactionSeconds(), limits.maxTransactionAge());
      if (!unsequencedOk) {
        data.put("problem", "events wait to be sequenced for longer than " + limits.maxUnsequencedAge());
      } else if (!transactionOk) {
        data.put("problem", "a transaction is open for longer than " + limits.maxTransactionAge()
            + ", holding the sequencer back");
      }
      return unsequencedOk && transactionOk ? Status.OK(data) : Status.KO(data);
    }));
  }

  private static boolean within(Double ageSeconds, Duration limit) {
    return ageSeconds == null || ageSeconds <= seconds(limit);
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
