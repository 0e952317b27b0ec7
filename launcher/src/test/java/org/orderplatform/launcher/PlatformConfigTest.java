package org.orderplatform.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderplatform.plumbing.db.PgSettings;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("the session timeouts and log settings are read once from the environment")
class PlatformConfigTest {

  private static PlatformConfig parse(Map<String, String> env) {
    return PlatformConfig.parse(new String[0], env::get).config();
  }

  @Test
  @DisplayName("without settings every database gets a 4 s statement and a 10 s idle-in-transaction timeout")
  void defaults() {
    PlatformConfig config = parse(Map.of());

    assertThat(config.platformDb().timeouts())
        .isEqualTo(new PgSettings.Timeouts(Duration.ofSeconds(4), Duration.ofSeconds(10)));
    assertThat(config.platformDb().connectOptions().getProperties())
        .containsEntry("statement_timeout", "4000ms")
        .containsEntry("idle_in_transaction_session_timeout", "10000ms");
  }

  @Test
  @DisplayName("PG_STATEMENT_TIMEOUT and PG_IDLE_IN_TRANSACTION_TIMEOUT apply to the platform's and each service's own database")
  void configured() {
    PlatformConfig config = parse(Map.of("PG_STATEMENT_TIMEOUT", "500ms", "PG_IDLE_IN_TRANSACTION_TIMEOUT", "2min",
        "ORDER_PG_URL", "postgresql://postgres@127.0.0.1:5432/orders"));

    var expected = new PgSettings.Timeouts(Duration.ofMillis(500), Duration.ofMinutes(2));
    assertThat(config.platformDb().timeouts()).isEqualTo(expected);
    assertThat(config.serviceDbs().values()).allSatisfy(db -> {
      assertThat(db.timeouts()).isEqualTo(expected);
      assertThat(db.connectOptions().getProperties())
          .containsEntry("statement_timeout", "500ms")
          .containsEntry("idle_in_transaction_session_timeout", "120000ms");
    });
    assertThat(config.serviceDbs().get(Service.ORDER).connectOptions().getDatabase()).isEqualTo("orders");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"4", "0s", "0ms", "-1s", "4.5s", "4 sec", "4S", "fast", "9999999999ms", "99999999min"})
  @DisplayName("a value that is not a positive duration with a unit, or is too long for PostgreSQL, stops the start naming the variable")
  void badValue(String value) {
    assertThatThrownBy(() -> parse(Map.of("PG_IDLE_IN_TRANSACTION_TIMEOUT", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PG_IDLE_IN_TRANSACTION_TIMEOUT")
        .hasMessageContaining(value);
    assertThatThrownBy(() -> parse(Map.of("PG_STATEMENT_TIMEOUT", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PG_STATEMENT_TIMEOUT");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"xml", "JSON", ""})
  @DisplayName("a LOG_FORMAT logback would not know (it would leave the JVM silent) stops the start naming it")
  void unknownLogFormatIsRefused(String value) {
    assertThatThrownBy(() -> parse(Map.of("LOG_FORMAT", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOG_FORMAT");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"loud", "verbose", ""})
  @DisplayName("a LOG_LEVEL that is not a logback level stops the start naming it")
  void unknownLogLevelIsRefused(String value) {
    assertThatThrownBy(() -> parse(Map.of("LOG_LEVEL", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOG_LEVEL");
  }

  @Test
  @DisplayName("text and json, and any logback level in any case, are taken")
  void knownLogSettingsAreTaken() {
    assertThatCode(() -> parse(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "debug"))).doesNotThrowAnyException();
    assertThatCode(() -> parse(Map.of("LOG_FORMAT", "text", "LOG_LEVEL", "WARN"))).doesNotThrowAnyException();
  }
}
