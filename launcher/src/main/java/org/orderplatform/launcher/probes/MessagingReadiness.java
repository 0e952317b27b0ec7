package org.orderplatform.launcher.probes;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.orderplatform.messaging.leader.Standing;
import org.orderplatform.runtime.ReadinessCheck;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@value #NAME}: each of this JVM's candidates for a messaging role (the sequencer, a dispatcher
 * per local group) leads it or stands by while another JVM leads. One whose election cannot reach
 * the database, lost its lock's connection, or that failed to start leading is DOWN.
 */
public final class MessagingReadiness {

  public static final String NAME = "messaging";

  private MessagingReadiness() {
  }

  /** @param standings by role, as {@link org.orderplatform.messaging.MessagingVerticle#standings()} gives them */
  public static ReadinessCheck check(Supplier<Map<String, Standing>> standings) {
    return new ReadinessCheck(NAME, () -> {
      JsonObject roles = new JsonObject();
      boolean allInOrder = true;
      for (var entry : standings.get().entrySet()) {
        Standing standing = entry.getValue();
        JsonObject role = new JsonObject().put("state", standing.state().name());
        if (standing.problem() != null) {
          role.put("problem", standing.problem());
        }
        roles.put(entry.getKey(), role);
        allInOrder &= standing.inGoodOrder();
      }
      JsonObject data = new JsonObject().put("roles", roles);
      return Future.succeededFuture(allInOrder ? Status.OK(data) : Status.KO(data));
    });
  }
}
