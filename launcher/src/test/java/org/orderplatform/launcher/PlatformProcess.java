package org.orderplatform.launcher;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The fat jar running as a separate JVM, as a user starts it. */
final class PlatformProcess implements AutoCloseable {

  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final Process process;
  final int httpPort;
  final Path log;

  private PlatformProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  static Path fatJar() {
    Path jar = Path.of(System.getProperty("fatJar", "target/order-platform.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the fat jar first (mvn package): " + jar.toAbsolutePath());
    }
    return jar;
  }

  static PlatformProcess start(String name, String pgUrl, int httpPort, String... args) throws IOException {
    return start(name, pgUrl, httpPort, Map.of(), args);
  }

  /** With variables of its own in the process's environment. */
  static PlatformProcess start(String name, String pgUrl, int httpPort, Map<String, String> extraEnv, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", fatJar().toString()));
    command.addAll(List.of(args));
    command.add("--http-host=127.0.0.1");
    command.add("--http-port=" + httpPort);
    Path log = Files.createTempFile("order-platform-" + name + "-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("PG_URL", pgUrl);
    env.put("PG_POOL_SIZE", "4");
    env.remove("HTTP_PORT");
    env.putAll(extraEnv);
    return new PlatformProcess(builder.start(), httpPort, log);
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String base() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Waits until {@code /ready} answers 200, or fails with the process's log. */
  PlatformProcess awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("process exited with " + process.exitValue() + ":\n" + logText());
      }
      try {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/ready")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not ready within " + timeout + ":\n" + logText());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Every line of the output of a process started with {@code LOG_FORMAT=json}, each of which must be a JSON object. */
  List<JsonObject> jsonLines() {
    List<JsonObject> parsed = new ArrayList<>();
    for (String line : logText().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        parsed.add(new JsonObject(line));
      } catch (DecodeException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }
    return parsed;
  }

  /** Exits with the given code within the timeout, or fails with the log. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout + ":\n" + logText());
    }
    return process.exitValue();
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        kill();
      }
    }
    Files.deleteIfExists(log);
  }
}
