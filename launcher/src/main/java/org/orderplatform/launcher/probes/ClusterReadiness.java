package org.orderplatform.launcher.probes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.healthchecks.Status;
import org.orderplatform.runtime.ReadinessCheck;

import java.util.List;
import java.util.Optional;

/**
 * {@value #NAME}: a clustered JVM is a member of the cluster (its cluster manager is active and
 * counts this node among the members). A JVM that runs alone is UP and says so.
 */
public final class ClusterReadiness {

  public static final String NAME = "cluster";

  private ClusterReadiness() {
  }

  public static ReadinessCheck check(Vertx vertx, Optional<ClusterManager> manager) {
    return new ReadinessCheck(NAME, () -> {
      if (!vertx.isClustered()) {
        return Future.succeededFuture(Status.OK(new JsonObject().put("clustered", false)));
      }
      if (manager.isEmpty()) {
        return Future.succeededFuture(Status.KO(new JsonObject().put("clustered", true)
            .put("error", "no cluster manager to ask")));
      }
      ClusterManager cluster = manager.get();
      List<String> members = cluster.getNodes();
      String self = cluster.getNodeId();
      boolean joined = cluster.isActive() && members.contains(self);
      JsonObject data = new JsonObject().put("clustered", true).put("nodeId", self).put("members", members.size());
      return Future.succeededFuture(joined ? Status.OK(data) : Status.KO(data.put("error", "not a member")));
    });
  }
}
