package org.orderplatform.plumbing.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("durations in configuration")
class DurationsTest {

  private static Duration parse(String value) {
    return Durations.parse(value, Duration.ofSeconds(2), "CALL_TIMEOUT", Duration.ZERO, Duration.ofMinutes(10));
  }

  @Test
  @DisplayName("milliseconds, seconds and minutes are read; unset or blank gives the fallback")
  void units() {
    assertThat(parse("0ms")).isEqualTo(Duration.ZERO);
    assertThat(parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(parse(" 3 s ")).isEqualTo(Duration.ofSeconds(3));
    assertThat(parse("2min")).isEqualTo(Duration.ofMinutes(2));
    assertThat(parse(null)).isEqualTo(Duration.ofSeconds(2));
    assertThat(parse(" ")).isEqualTo(Duration.ofSeconds(2));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"5", "-1s", "1.5s", "11min", "soon", "2S"})
  @DisplayName("a value without a unit, or outside the range, fails naming the setting and the value")
  void refused(String value) {
    assertThatThrownBy(() -> parse(value)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CALL_TIMEOUT").hasMessageContaining(value);
  }
}
