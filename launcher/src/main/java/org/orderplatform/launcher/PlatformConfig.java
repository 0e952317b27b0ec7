package org.orderplatform.launcher;

import org.orderplatform.plumbing.config.Durations;
import org.orderplatform.plumbing.config.Numbers;
import org.orderplatform.plumbing.db.PgSettings;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a JVM needs to know, read once at start from the environment and the command line
 * (flags win). Unknown values fail here, before anything starts.
 *
 * @param platformDb where the event log lives ({@code PG_URL})
 * @param serviceDbs per-service database ({@code <SERVICE>_PG_URL}, defaulting to {@code PG_URL}); every
 *                   database gets the same session timeouts ({@code PG_STATEMENT_TIMEOUT},
 *                   {@code PG_IDLE_IN_TRANSACTION_TIMEOUT})
 * @param managementPort where probes and the admin API are served, away from the public API
 *                       ({@code MANAGEMENT_PORT}, {@code --management-port=}); empty: on {@code httpPort}
 */
public record PlatformConfig(Set<Service> services, String httpHost, int httpPort, PgSettings platformDb,
                             Map<Service, PgSettings> serviceDbs, boolean clustered, Clustering.Settings cluster,
                             AdminToken adminToken, OptionalInt managementPort, Readiness readiness) {

  /**
   * How far behind the event log may be for {@code /ready}: the oldest event not yet sequenced
   * ({@code READY_MAX_UNSEQUENCED_AGE}) and the oldest open transaction on the server, which holds
   * the sequencer back ({@code READY_MAX_TRANSACTION_AGE}).
   */
  public record Readiness(Duration maxUnsequencedAge, Duration maxTransactionAge) {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);
  }

  /** The bearer token of the admin API: {@code ADMIN_TOKEN}, or a random one when it is unset. */
  public record AdminToken(String value, boolean generated) {

    static AdminToken from(String configured) {
      if (configured != null && !configured.isBlank()) {
        return new AdminToken(configured.trim(), false);
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(random), true);
    }

    @Override
    public String toString() {
      return "AdminToken[***]";
    }
  }

  public static final int DEFAULT_HTTP_PORT = 8080;
  /** Every interface, as a server in a container expects; {@code --http-host=127.0.0.1} keeps it local. */
  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";

  /** The command line split into our own flags and the rest, which Vert.x's launcher reads. */
  public record Parsed(PlatformConfig config, String[] vertxArgs) {
  }

  private static final Set<String> LOG_FORMATS = Set.of("text", "json");
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /**
   * logback.xml reads LOG_FORMAT and LOG_LEVEL itself (it names the appender after LOG_FORMAT); a
   * value it does not know would leave the JVM silent, so the start refuses it.
   */
  private static void checkLogging(Function<String, String> env) {
    String format = env.apply("LOG_FORMAT");
    if (format != null && !LOG_FORMATS.contains(format)) {
      throw new IllegalArgumentException("LOG_FORMAT must be text or json, not '" + format + "'");
    }
    String level = env.apply("LOG_LEVEL");
    if (level != null && !LOG_LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("LOG_LEVEL must be one of " + LOG_LEVELS + ", not '" + level + "'");
    }
  }

  public static Parsed parse(String[] args, Function<String, String> env) {
    List<String> vertxArgs = new ArrayList<>();
    String services = null;
    String httpPort = env.apply("HTTP_PORT");
    String httpHost = env.apply("HTTP_HOST");
    String members = env.apply("CLUSTER_MEMBERS");
    String hazelcastPort = env.apply("HAZELCAST_PORT");
    String clusterHost = env.apply("CLUSTER_HOST");
    String managementPort = env.apply("MANAGEMENT_PORT");
    boolean clustered = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--services=")) {
        services = value(arg);
      } else if (arg.startsWith("--http-port=")) {
        httpPort = value(arg);
      } else if (arg.startsWith("--management-port=")) {
        managementPort = value(arg);
      } else if (arg.startsWith("--http-host=")) {
        httpHost = value(arg);
      } else if (arg.startsWith("--cluster-members=")) {
        members = value(arg);
      } else if (arg.startsWith("--hazelcast-port=")) {
        hazelcastPort = value(arg);
      } else {
        if (arg.equals("-cluster") || arg.equals("--cluster") || arg.equals("-c")) {
          clustered = true;
        }
        if ((arg.equals("-cluster-host") || arg.equals("--cluster-host")) && i + 1 < args.length) {
          clusterHost = args[i + 1];
        } else if (arg.startsWith("--cluster-host=") || arg.startsWith("-cluster-host=")) {
          clusterHost = value(arg);
        }
        vertxArgs.add(arg);
      }
    }
    String host = clusterHost == null ? Clustering.Settings.LOOPBACK : clusterHost;
    var cluster = new Clustering.Settings(host, number(hazelcastPort, 5701, "hazelcast port", 1, 65535),
        members == null ? List.of(host) : Arrays.stream(members.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(), 0);
    if (clustered && clusterHost == null) {
      vertxArgs.add("-cluster-host");
      vertxArgs.add(host);
    }
    Set<Service> chosen = services == null ? EnumSet.allOf(Service.class) : parseServices(services);
    checkLogging(env);
    int poolSize = number(env.apply("PG_POOL_SIZE"), 16, "PG_POOL_SIZE", 1, 64);
    var timeouts = new PgSettings.Timeouts(
        duration(env.apply("PG_STATEMENT_TIMEOUT"), PgSettings.Timeouts.DEFAULT_STATEMENT, "PG_STATEMENT_TIMEOUT"),
        duration(env.apply("PG_IDLE_IN_TRANSACTION_TIMEOUT"), PgSettings.Timeouts.DEFAULT_IDLE_IN_TRANSACTION,
            "PG_IDLE_IN_TRANSACTION_TIMEOUT"));
    String platformUrl = orDefault(env.apply("PG_URL"), PgSettings.DEFAULT_URL);
    PgSettings platformDb = PgSettings.parse(platformUrl, poolSize, timeouts);
    Map<Service, PgSettings> serviceDbs = new EnumMap<>(Service.class);
    for (Service service : chosen) {
      String url = env.apply(service.urlVariable());
      serviceDbs.put(service, url == null || url.isBlank() ? platformDb : PgSettings.parse(url, poolSize, timeouts));
    }
    var config = new PlatformConfig(chosen, orDefault(httpHost, DEFAULT_HTTP_HOST), number(httpPort, DEFAULT_HTTP_PORT, "HTTP port", 0, 65535), platformDb, serviceDbs,
        clustered, cluster, AdminToken.from(env.apply("ADMIN_TOKEN")),
        managementPort == null || managementPort.isBlank() ? OptionalInt.empty()
            : OptionalInt.of(number(managementPort, 0, "management port", 0, 65535)),
        new Readiness(age(env.apply("READY_MAX_UNSEQUENCED_AGE"), "READY_MAX_UNSEQUENCED_AGE"),
            age(env.apply("READY_MAX_TRANSACTION_AGE"), "READY_MAX_TRANSACTION_AGE")));
    return new Parsed(config, vertxArgs.toArray(String[]::new));
  }

  private static Set<Service> parseServices(String list) {
    Set<Service> chosen = EnumSet.noneOf(Service.class);
    for (String name : list.split(",")) {
      if (!name.isBlank()) {
        chosen.add(Service.parse(name));
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("--services needs at least one of " + Service.known());
    }
    return chosen;
  }

  private static String value(String flag) {
    return flag.substring(flag.indexOf('=') + 1);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  // PostgreSQL keeps these timeouts in an int of milliseconds.
  private static Duration duration(String value, Duration fallback, String what) {
    return Durations.parse(value, fallback, what, Duration.ofMillis(1), Duration.ofMillis(Integer.MAX_VALUE));
  }

  private static Duration age(String value, String what) {
    return Durations.parse(value, Readiness.DEFAULT_MAX_AGE, what, Duration.ofMillis(1), Duration.ofDays(1));
  }

  private static int number(String value, int fallback, String what, int min, int max) {
    return Numbers.integer(value, fallback, what, min, max);
  }
}
