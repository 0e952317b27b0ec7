package org.orderplatform.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Started against a PostgreSQL that is not there, the platform says so in one line and stops. */
class DatabaseDownIT {

  private static final Duration LIMIT = Duration.ofSeconds(10);

  @Test
  @DisplayName("with nothing listening at PG_URL the jar exits non-zero within 10 s, naming the URL and how to start a database")
  void unreachableDatabase() throws Exception {
    assertFailsCleanly();
  }

  @Test
  @DisplayName("a clustered start fails the same way, before it joins any cluster")
  void unreachableDatabaseWhenClustered() throws Exception {
    List<String> output = assertFailsCleanly("-cluster", "--hazelcast-port=" + PlatformProcess.freePort());
    assertThat(output).noneMatch(line -> line.contains("hazelcast") || line.contains("Members {"));
  }

  private static List<String> assertFailsCleanly(String... args) throws Exception {
    String url = "postgresql://postgres@127.0.0.1:" + PlatformProcess.freePort() + "/postgres";
    long started = System.nanoTime();
    try (PlatformProcess platform = PlatformProcess.start("db-down", url, PlatformProcess.freePort(), args)) {
      int exit = platform.awaitExit(LIMIT);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      String log = platform.logText();
      // A JVM may announce JAVA_TOOL_OPTIONS on its own; that line is not ours.
      List<String> lines = log.lines().filter(line -> !line.isBlank() && !line.startsWith("Picked up ")).toList();

      assertThat(exit).as(log).isNotZero();
      assertThat(took).isLessThan(LIMIT);
      assertThat(lines).as(log).hasSize(1);
      assertThat(lines.get(0)).contains(url).contains("PostgreSQL").contains("PG_URL=");
      assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Exception in thread")
          || line.startsWith("Caused by"));
      return lines;
    }
  }
}
