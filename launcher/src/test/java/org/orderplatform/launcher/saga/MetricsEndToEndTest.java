package org.orderplatform.launcher.saga;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.launcher.metrics.PromQlNames;
import org.orderplatform.launcher.metrics.PrometheusText;
import org.orderplatform.messaging.testing.Awaiting;
import org.orderplatform.runtime.PlatformMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service in one JVM, a known mix of orders run to their ends, then {@code /metrics} read as
 * Prometheus reads it: the platform's own signals add up to what happened, Vert.x's are there, no
 * label carries an id, and every metric the Grafana dashboard queries is exported.
 */
@DisplayName("the metrics of a platform that ran a known mix of orders")
class MetricsEndToEndTest {

  private static final int CONFIRMED = 3;
  private static final int OUT_OF_STOCK = 2;
  private static final int DECLINED = 2;
  private static final int PLACED = CONFIRMED + OUT_OF_STOCK + DECLINED;
  private static final Path DASHBOARD = Path.of("..", "dashboards", "order-platform.json");
  private static final Pattern UUID_LIKE = Pattern.compile(
      "(?i).*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*");

  private static SagaHarness platform;
  private static PrometheusText settled;

  @BeforeAll
  static void runOrders() {
    platform = SagaHarness.start(Map.of());
    platform.product("MUG-1", 100);
    platform.product("SCARCE-1", 1);
    List<UUID> confirmed = new ArrayList<>();
    List<UUID> rejected = new ArrayList<>();
    List<UUID> cancelled = new ArrayList<>();
    for (int i = 0; i < CONFIRMED; i++) {
      confirmed.add(platform.place("MUG-1", 1, null));
    }
    for (int i = 0; i < OUT_OF_STOCK; i++) {
      rejected.add(platform.place("SCARCE-1", 5, null));
    }
    for (int i = 0; i < DECLINED; i++) {
      cancelled.add(platform.place("MUG-1", 1, "tok_decline"));
    }
    confirmed.forEach(order -> platform.awaitStatus(order, "DELIVERY_SCHEDULED"));
    rejected.forEach(order -> platform.awaitStatus(order, "REJECTED"));
    cancelled.forEach(order -> platform.awaitStatus(order, "CANCELLED"));
    // Counted once each use case's transaction commits, and the customers told after that.
    settled = Awaiting.eventually(MetricsEndToEndTest::scrape,
        metrics -> metrics.sum("orders_terminal_total") == PLACED
            && metrics.sum("notifications_total", l -> "log".equals(l.get("channel"))) == PLACED
            && metrics.names().contains("subscription_lag_events"),
        "every order counted at its end and every customer told");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  private static PrometheusText scrape() {
    var response = platform.service.get(PlatformMetrics.PATH);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("text/plain");
    return PrometheusText.parse(response.bodyAsString());
  }

  @Test
  @DisplayName("the platform's own metrics and Vert.x's HTTP, event bus and pool metrics are exported")
  void namedMetricsExist() {
    assertThat(settled.names()).contains(
        "orders_placed_total", "orders_terminal_total",
        "saga_duration_seconds_bucket", "saga_duration_seconds_count", "saga_duration_seconds_sum",
        "subscription_lag_events", "subscription_lag_seconds", "subscription_dead_letters_open",
        "subscription_parked_events", "eventlog_oldest_unsequenced_seconds", "eventlog_oldest_transaction_seconds",
        "dispatch_attempts_total", "sequencer_lag_rows",
        "payment_breaker_state", "payment_provider_calls_total", "notifications_total",
        "vertx_http_server_requests_total", "vertx_http_client_requests_total",
        "vertx_eventbus_processed_total", "vertx_pool_in_use", "jvm_memory_used_bytes");
    assertThat(settled.samples("subscription_lag_events").stream().map(s -> s.labels().get("group")))
        .contains("order-saga", "order-view", "inventory", "payment", "notification-log");
    assertThat(settled.samples("vertx_pool_in_use").stream().map(s -> s.labels().get("pool_type"))).contains("sql");
  }

  @Test
  @DisplayName("orders placed are the orders the test placed, and the saga's outcomes add up to them")
  void ordersAddUp() {
    assertThat(settled.sum("orders_placed_total")).isEqualTo(PLACED);
    assertThat(settled.value("orders_terminal_total", Map.of("status", "CONFIRMED"))).isEqualTo(CONFIRMED);
    assertThat(settled.value("orders_terminal_total", Map.of("status", "REJECTED"))).isEqualTo(OUT_OF_STOCK);
    assertThat(settled.value("orders_terminal_total", Map.of("status", "CANCELLED"))).isEqualTo(DECLINED);
    assertThat(settled.value("orders_terminal_total", Map.of("status", "COMPLETED"))).isZero();
    assertThat(settled.sum("orders_terminal_total")).isEqualTo(settled.sum("orders_placed_total"));
    assertThat(settled.value("saga_duration_seconds_count", Map.of("outcome", "confirmed"))).isEqualTo(CONFIRMED);
    assertThat(settled.value("saga_duration_seconds_count", Map.of("outcome", "rejected"))).isEqualTo(OUT_OF_STOCK);
    assertThat(settled.value("saga_duration_seconds_count", Map.of("outcome", "cancelled"))).isEqualTo(DECLINED);
    // A histogram: the +Inf bucket holds every observation, and every saga took some time.
    assertThat(settled.value("saga_duration_seconds_bucket", Map.of("outcome", "confirmed", "le", "+Inf")))
        .isEqualTo(CONFIRMED);
    assertThat(settled.value("saga_duration_seconds_sum", Map.of("outcome", "confirmed"))).isPositive();
  }

  @Test
  @DisplayName("the provider's calls, the breaker, the notifications and the dispatchers count what happened")
  void participantsCount() {
    assertThat(settled.value("payment_provider_calls_total", Map.of("outcome", "Authorized"))).isEqualTo(CONFIRMED);
    assertThat(settled.value("payment_provider_calls_total", Map.of("outcome", "Declined"))).isEqualTo(DECLINED);
    assertThat(settled.value("payment_breaker_state", Map.of())).isZero();
    assertThat(settled.value("notifications_total", Map.of("channel", "log", "outcome", "notified"))).isEqualTo(PLACED);
    assertThat(settled.value("dispatch_attempts_total", Map.of("group", "payment", "outcome", "delivered")))
        .isGreaterThanOrEqualTo(CONFIRMED + DECLINED);
    assertThat(settled.value("dispatch_attempts_total", Map.of("group", "payment", "outcome", "dead_lettered"))).isZero();
    assertThat(settled.sum("subscription_dead_letters_open")).isZero();
  }

  @Test
  @DisplayName("no label value is an id: nothing that looks like a UUID")
  void noIdsInLabels() {
    List<String> offending = settled.samples().stream()
        .flatMap(s -> s.labels().entrySet().stream()
            .filter(label -> UUID_LIKE.matcher(label.getValue()).matches())
            .map(label -> s.name() + "{" + label.getKey() + "=" + label.getValue() + "}"))
        .toList();
    assertThat(offending).isEmpty();
  }

  @Test
  @DisplayName("every metric the Grafana dashboard queries is exported")
  void dashboardQueriesExportedMetrics() throws IOException {
    JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
    List<String> expressions = new ArrayList<>();
    expressions(dashboard.getJsonArray("panels"), expressions);
    Set<String> used = new TreeSet<>();
    expressions.forEach(expression -> used.addAll(PromQlNames.of(expression)));

    assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
    assertThat(used).contains("orders_placed_total", "saga_duration_seconds_bucket", "subscription_lag_events",
        "subscription_dead_letters_open", "payment_breaker_state");
    assertThat(expressions).anyMatch(e -> e.contains("histogram_quantile(") && e.contains("saga_duration_seconds_bucket"));
    assertThat(settled.names()).containsAll(used);
  }

  /** Every query of every panel, rows' panels included. */
  private static void expressions(JsonArray panels, List<String> into) {
    for (Object item : panels) {
      JsonObject panel = (JsonObject) item;
      JsonArray targets = panel.getJsonArray("targets", new JsonArray());
      targets.forEach(target -> into.add(((JsonObject) target).getString("expr")));
      if (panel.containsKey("panels")) {
        expressions(panel.getJsonArray("panels"), into);
      }
    }
  }
}
