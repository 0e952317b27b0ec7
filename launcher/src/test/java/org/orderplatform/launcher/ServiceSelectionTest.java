package org.orderplatform.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("which services a JVM runs")
class ServiceSelectionTest {

  private static PlatformConfig parse(String... args) {
    return PlatformConfig.parse(args, Map.<String, String>of()::get).config();
  }

  @Test
  @DisplayName("without --services every service runs, the payment provider simulator and delivery included")
  void allByDefault() {
    assertThat(parse().services()).containsExactlyInAnyOrder(Service.values())
        .contains(Service.PAYMENT, Service.PAYMENT_PROVIDER, Service.DELIVERY);
    assertThat(Service.parse("delivery")).isEqualTo(Service.DELIVERY);
    assertThat(Service.DELIVERY.schema()).isEqualTo("delivery");
  }

  @Test
  @DisplayName("--services takes flag names with dashes: payment-provider")
  void dashedNames() {
    assertThat(parse("--services=payment,payment-provider").services())
        .containsExactlyInAnyOrder(Service.PAYMENT, Service.PAYMENT_PROVIDER);
    assertThat(parse("--services=payment-provider").services()).containsExactly(Service.PAYMENT_PROVIDER);
    assertThat(Service.PAYMENT_PROVIDER.flagName()).isEqualTo("payment-provider");
    assertThat(Service.PAYMENT_PROVIDER.urlVariable()).isEqualTo("PAYMENT_PROVIDER_PG_URL");
  }

  @Test
  @DisplayName("an unknown service stops the start and lists the known ones")
  void unknown() {
    assertThatThrownBy(() -> parse("--services=payments"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payments").hasMessageContaining("payment-provider");
  }
}
