package org.orderplatform.launcher.metrics;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("reading the Prometheus text format and the names PromQL reads")
class PrometheusTextTest {

  @Test
  @DisplayName("samples keep their names, labels (escapes undone) and values; comments are skipped")
  void samples() {
    PrometheusText text = PrometheusText.parse("""
        # HELP orders_terminal_total Orders reaching CONFIRMED or an end
        # TYPE orders_terminal_total counter
        orders_terminal_total{status="CONFIRMED"} 3.0
        orders_terminal_total{status="REJECTED",} 2
        odd{path="a \\"quoted\\" \\\\ back\\nslash"} 1 1712345678901
        saga_duration_seconds_bucket{outcome="confirmed",le="+Inf"} 4
        up NaN
        # EOF
        """);

    assertThat(text.names()).containsExactly("odd", "orders_terminal_total", "saga_duration_seconds_bucket", "up");
    assertThat(text.sum("orders_terminal_total")).isEqualTo(5.0);
    assertThat(text.value("orders_terminal_total", Map.of("status", "REJECTED"))).isEqualTo(2.0);
    assertThat(text.samples("odd").get(0).labels()).containsEntry("path", "a \"quoted\" \\ back\nslash");
    assertThat(text.value("saga_duration_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(4.0);
    assertThat(text.samples("up").get(0).value()).isNaN();
  }

  @Test
  @DisplayName("a line that is not a sample fails the parse, naming the line")
  void strict() {
    assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{a=\"x} 1\n"))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> PrometheusText.parse("novalue\n")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> PrometheusText.parse("x{a=\"1\"} one\n")).hasMessageContaining("not a value");
  }

  @Test
  @DisplayName("the metric names of a PromQL expression leave out functions, labels, ranges, strings and numbers")
  void promQlNames() {
    assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (le, outcome) "
        + "(rate(saga_duration_seconds_bucket{outcome=~\"confirmed|rejected\"}[$__rate_interval])))"))
        .containsExactly("saga_duration_seconds_bucket");
    assertThat(PromQlNames.of("sum(rate(orders_placed_total[5m])) / ignoring(status) "
        + "sum without (status) (increase(orders_terminal_total[1h])) > bool 1e3"))
        .containsExactly("orders_placed_total", "orders_terminal_total");
    assertThat(PromQlNames.of("max by (group) (subscription_lag_events{group=~\"$group\"}) or vector(0)"))
        .containsExactly("subscription_lag_events");
  }
}
