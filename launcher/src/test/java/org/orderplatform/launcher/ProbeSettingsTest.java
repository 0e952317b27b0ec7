package org.orderplatform.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("the probes' settings are read once, from the environment or the command line")
class ProbeSettingsTest {

  @Test
  @DisplayName("without settings the probes share the main port and the log may lag 30 s")
  void defaults() {
    PlatformConfig config = PlatformConfig.parse(new String[0], Map.<String, String>of()::get).config();

    assertThat(config.managementPort()).isEmpty();
    assertThat(config.readiness()).isEqualTo(new PlatformConfig.Readiness(Duration.ofSeconds(30), Duration.ofSeconds(30)));
  }

  @Test
  @DisplayName("MANAGEMENT_PORT and the READY_ limits are taken, and --management-port= wins over the variable")
  void configured() {
    Map<String, String> env = Map.of("MANAGEMENT_PORT", "9090", "READY_MAX_UNSEQUENCED_AGE", "5s",
        "READY_MAX_TRANSACTION_AGE", "2min");

    PlatformConfig fromEnv = PlatformConfig.parse(new String[0], env::get).config();
    PlatformConfig fromFlag = PlatformConfig.parse(new String[] {"--management-port=9191"}, env::get).config();

    assertThat(fromEnv.managementPort()).hasValue(9090);
    assertThat(fromEnv.readiness()).isEqualTo(new PlatformConfig.Readiness(Duration.ofSeconds(5), Duration.ofMinutes(2)));
    assertThat(fromFlag.managementPort()).hasValue(9191);
    assertThat(PlatformConfig.parse(new String[] {"--management-port=9191"}, env::get).vertxArgs()).isEmpty();
  }

  @Test
  @DisplayName("a bad value stops the start naming the setting")
  void badValues() {
    assertThatThrownBy(() -> PlatformConfig.parse(new String[0], Map.of("MANAGEMENT_PORT", "http")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("management port");
    assertThatThrownBy(() -> PlatformConfig.parse(new String[0], Map.of("READY_MAX_TRANSACTION_AGE", "30")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("READY_MAX_TRANSACTION_AGE");
  }
}
