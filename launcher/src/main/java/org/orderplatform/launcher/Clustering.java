package org.orderplatform.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.orderplatform.runtime.PlatformMetrics;
import org.orderplatform.runtime.PlatformTracing;

import java.util.List;
import java.util.Optional;

/**
 * The one place that decides how a JVM joins the Hazelcast cluster. The launcher and the clustered
 * tests both build their {@link Vertx} through here, so tests run the production settings.
 */
public final class Clustering {

  private Clustering() {
  }

  /**
   * Cluster settings.
   *
   * @param host         address both Hazelcast and the event bus bind to (loopback by default)
   * @param hazelcastPort first Hazelcast member port to try; Hazelcast auto-increments from it
   * @param members      addresses (host or host:port) of members to join over TCP
   * @param busPort      event bus TCP port, 0 for a random free one
   */
  public record Settings(String host, int hazelcastPort, List<String> members, int busPort) {
    public static final String LOOPBACK = "127.0.0.1";

    public Settings {
      members = List.copyOf(members);
    }

    public static Settings loopback() {
      return new Settings(LOOPBACK, 5701, List.of(LOOPBACK), 0);
    }
  }

  public static HazelcastClusterManager clusterManager(Settings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("order-platform");
    // Loopback-friendly and fast: no multicast, bind only where asked, join without the default
    // wait, and notice a dead member within seconds so leadership moves quickly.
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.hazelcastPort()).setPortAutoIncrement(true).setPortCount(20);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(settings.host()));
    network.setPublicAddress(null);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    // Probing a member port where nobody listens yet must not hold up the join (default 5 s).
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1).setMembers(settings.members());
    config.setProperty("hazelcast.local.localAddress", settings.host());
    return new HazelcastClusterManager(config);
  }

  /** Event bus options for a clustered node; a short ping keeps dead peers from stalling sends. */
  public static VertxOptions vertxOptions(Settings settings) {
    EventBusOptions bus = new EventBusOptions()
        .setHost(settings.host())
        .setPort(settings.busPort())
        .setClusterPingInterval(2_000)
        .setClusterPingReplyInterval(2_000);
    return new VertxOptions().setEventBusOptions(bus);
  }

  /** How a JVM of the platform builds its {@link Vertx}, and the cluster manager it joins with, if it clusters. */
  record Node(VertxBuilder builder, Optional<ClusterManager> clusterManager) {
  }

  /**
   * The builder of a platform JVM as {@code config} asks for it: the metrics and tracing of every
   * JVM, and, when clustered, these settings' event bus and Hazelcast manager. {@code options} may
   * already hold what Vert.x's launcher read from the command line (its cluster port stays).
   */
  static Node node(PlatformConfig config, VertxOptions options, PlatformMetrics metrics, PlatformTracing tracing) {
    if (!config.clustered()) {
      return new Node(metrics.vertxBuilder(options, tracing), Optional.empty());
    }
    EventBusOptions defaults = vertxOptions(config.cluster()).getEventBusOptions();
    options.getEventBusOptions()
        .setHost(defaults.getHost())
        .setClusterPingInterval(defaults.getClusterPingInterval())
        .setClusterPingReplyInterval(defaults.getClusterPingReplyInterval());
    HazelcastClusterManager manager = clusterManager(config.cluster());
    return new Node(metrics.vertxBuilder(options, tracing).withClusterManager(manager), Optional.of(manager));
  }

  public static VertxBuilder builder(Settings settings) {
    return Vertx.builder()
        .with(vertxOptions(settings))
        .withClusterManager(clusterManager(settings));
  }
}
