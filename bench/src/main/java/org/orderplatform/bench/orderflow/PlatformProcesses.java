package org.orderplatform.bench.orderflow;

import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The platform JVMs the benchmark starts as child processes (one, or an order and an inventory JVM
 * clustered over loopback), each with its output and GC log in a temporary directory. Closing
 * stops every one of them, forcibly if a polite stop takes too long.
 */
public final class PlatformProcesses implements AutoCloseable {

  private static final Duration STOP_PATIENCE = Duration.ofSeconds(15);
  private static final int LOG_TAIL_LINES = 15;

  /** One child JVM; {@code name} is what it runs. */
  public record Node(String name, Process process, int httpPort, Path output, Path gcLog) {
    String url() {
      return "http://127.0.0.1:" + httpPort;
    }
  }

  private final Options options;
  private final String pgUrl;
  private final Path workDir;
  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private boolean closed;

  private PlatformProcesses(Options options, String pgUrl, Path workDir) {
    this.options = options;
    this.pgUrl = pgUrl;
    this.workDir = workDir;
  }

  /** Nothing runs yet; register the result for clean-up before {@link #start}, so an interrupted start leaves nothing behind. */
  public static PlatformProcesses prepare(Options options, String pgUrl) throws IOException {
    if (!Files.isRegularFile(options.jar())) {
      throw new IllegalStateException("no platform jar at " + options.jar().toAbsolutePath()
          + "; build it with `mvn -B -q package -DskipTests` or pass --jar=");
    }
    return new PlatformProcesses(options, pgUrl, Files.createTempDirectory("orderflow-"));
  }

  /** Starts the platform and waits until every JVM answers {@code GET /ready}. */
  public void start(WebClient client, Duration patience) throws IOException, InterruptedException {
    if (!options.split()) {
      launch("platform", List.of()).awaitReady(client, patience);
      return;
    }
    int orderMember = freePort();
    int inventoryMember = freePort();
    String members = "--cluster-members=127.0.0.1:" + orderMember + ",127.0.0.1:" + inventoryMember;
    // One after the other: two members starting at the same instant may each form a cluster of one.
    launch("order", List.of("-cluster", "--services=order", "--hazelcast-port=" + orderMember, members))
        .awaitReady(client, patience);
    // Payment and its simulator beside the inventory: each step of the saga crosses the bus.
    launch("inventory", List.of("-cluster", "--services=inventory,payment,payment-provider,delivery,notification",
        "--hazelcast-port=" + inventoryMember, members)).awaitReady(client, patience);
  }

  public String ordersUrl() {
    return nodes.get(0).url();
  }

  public String inventoryUrl() {
    return nodes.get(nodes.size() - 1).url();
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** Per JVM, the largest heap occupancy its GC log shows so far; absent when it has not collected yet. */
  public Map<String, OptionalLong> peakHeapBeforeGc() {
    Map<String, OptionalLong> peaks = new LinkedHashMap<>();
    for (Node node : nodes) {
      try (Stream<String> lines = Files.lines(node.gcLog())) {
        peaks.put(node.name(), HeapFigures.peakBeforeGc(lines));
      } catch (IOException | UncheckedIOException e) {
        peaks.put(node.name(), OptionalLong.empty());
      }
    }
    return peaks;
  }

  private synchronized Launched launch(String name, List<String> platformArgs) throws IOException {
    if (closed) {
      throw new IllegalStateException("stopping: not starting the " + name + " JVM");
    }
    int httpPort = freePort();
    Path output = workDir.resolve(name + ".log");
    Path gcLog = workDir.resolve(name + "-gc.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options.jvmOpts());
    command.add("-Xlog:gc:file=" + gcLog);
    command.addAll(List.of("-jar", options.jar().toString(), "--http-host=127.0.0.1", "--http-port=" + httpPort));
    command.addAll(platformArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("PG_URL", pgUrl);
    Node node = new Node(name, builder.start(), httpPort, output, gcLog);
    nodes.add(node);
    return new Launched(node);
  }

  private record Launched(Node node) {
    void awaitReady(WebClient client, Duration patience) throws InterruptedException {
      long deadline = System.nanoTime() + patience.toNanos();
      while (System.nanoTime() < deadline) {
        if (!node.process().isAlive()) {
          throw new IllegalStateException("the " + node.name() + " JVM exited with status " + node.process().exitValue()
              + " before it was ready; its last lines:\n" + tail(node.output()));
        }
        try {
          if (client.getAbs(node.url() + "/ready").send().await(2, TimeUnit.SECONDS).statusCode() == 200) {
            return;
          }
        } catch (Exception notYet) {
          // not listening yet, or not ready: ask again
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
      throw new IllegalStateException("the " + node.name() + " JVM was not ready within " + patience.toSeconds()
          + " s; its last lines:\n" + tail(node.output()));
    }
  }

  /** Stops every JVM: SIGTERM, then SIGKILL after {@link #STOP_PATIENCE}; removes the logs. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    nodes.forEach(node -> node.process().destroy());
    for (Node node : nodes) {
      try {
        if (!node.process().waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
          node.process().destroyForcibly().waitFor(STOP_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        node.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.list(workDir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(workDir);
    } catch (IOException e) {
      System.err.println("orderflow: could not remove " + workDir + ": " + e.getMessage());
    }
  }

  private static String tail(Path output) {
    try (Stream<String> lines = Files.lines(output)) {
      List<String> all = lines.toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
