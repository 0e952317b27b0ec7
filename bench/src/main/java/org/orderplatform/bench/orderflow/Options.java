package org.orderplatform.bench.orderflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order-flow benchmark's command line, read once. Every flag is {@code --name=value} or a bare
 * {@code --name}; unknown flags and bad values fail here, before anything starts.
 *
 * @param url         base URL of a running platform, or null to start one
 * @param pgUrl       with {@code url}: the platform's database; without: the server to create a throw-away database on
 * @param rate        orders per second for the open loop, or 0 for the closed loop with {@code concurrency}
 * @param duration    the measured window, after {@code warmup}
 * @param grace       how long after the run an accepted order may still reach the target
 */
public record Options(String url, String pgUrl, Path jar, List<String> jvmOpts, boolean split, int skus,
                      int concurrency, double rate, Duration duration, Duration warmup, Duration grace,
                      String target, boolean json) {

  public static final String USAGE = """
      OrderFlowBenchmark: places orders over HTTP and measures place -> target event latency from the event log.
        --url=http://127.0.0.1:8080   use a running platform (then --pg-url= is its database)
        --pg-url=postgresql://postgres@127.0.0.1:5432/postgres
                                      without --url: the server on which a throw-away bench_* database is made
        --jar=launcher/target/order-platform.jar   --jvm-opts="-Xmx512m"   --split (two clustered JVMs)
        --skus=100   --concurrency=32 (closed loop)   --rate=500 (open loop, orders/s)
        --duration=30s   --warmup=5s   --grace=10s   --target=order.confirmed
        --json (print the report as one JSON object)   --smoke (concurrency 8, 5s, warmup 1s, 20 SKUs)   --help""";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  public Options {
    jvmOpts = List.copyOf(jvmOpts);
  }

  public boolean openLoop() {
    return rate > 0;
  }

  public static Options parse(String... args) {
    boolean smoke = Arrays.asList(args).contains("--smoke");
    String url = null;
    String pgUrl = "postgresql://postgres@127.0.0.1:5432/postgres";
    Path jar = Path.of("launcher/target/order-platform.jar");
    List<String> jvmOpts = List.of("-Xmx512m");
    boolean split = false;
    boolean json = false;
    int skus = smoke ? 20 : 100;
    int concurrency = smoke ? 8 : 32;
    double rate = 0;
    Duration duration = smoke ? Duration.ofSeconds(5) : Duration.ofSeconds(30);
    Duration warmup = smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
    Duration grace = Duration.ofSeconds(10);
    String target = "order.confirmed";
    for (String arg : args) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      switch (name) {
        case "--smoke" -> { }
        case "--split" -> split = true;
        case "--json" -> json = true;
        case "--url" -> url = text(name, value).replaceAll("/+$", "");
        case "--pg-url" -> pgUrl = text(name, value);
        case "--jar" -> jar = Path.of(text(name, value));
        case "--jvm-opts" -> jvmOpts = value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
        case "--skus" -> skus = whole(name, value, 1, 100_000);
        case "--concurrency" -> concurrency = whole(name, value, 1, 10_000);
        case "--rate" -> rate = positive(name, value);
        case "--duration" -> duration = duration(name, value);
        case "--warmup" -> warmup = duration(name, value);
        case "--grace" -> grace = duration(name, value);
        case "--target" -> target = text(name, value);
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    if (duration.isZero()) {
      throw new IllegalArgumentException("--duration must be more than 0");
    }
    if (url != null && split) {
      throw new IllegalArgumentException("--split starts its own JVMs; it cannot be combined with --url");
    }
    return new Options(url, pgUrl, jar, jvmOpts, split, skus, concurrency, rate, duration, warmup, grace, target, json);
  }

  /** {@code 250ms}, {@code 5s}, {@code 2m}. */
  static Duration duration(String name, String value) {
    Matcher m = DURATION.matcher(text(name, value));
    if (!m.matches()) {
      throw new IllegalArgumentException(name + " must look like 500ms, 5s or 2m, got '" + value + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
  }

  private static String text(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " needs a value: " + name + "=...");
    }
    return value.trim();
  }

  private static int whole(String name, String value, int min, int max) {
    try {
      int number = Integer.parseInt(text(name, value));
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the accepted range
    }
    throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
  }

  private static double positive(String name, String value) {
    try {
      double number = Double.parseDouble(text(name, value));
      if (number > 0 && number <= 1_000_000) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a number of orders per second above 0, got '" + value + "'");
  }
}
