package org.orderplatform.events;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("a new price is given in an active ISO 4217 currency")
class CurrenciesTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"EUR", "USD", "JPY", "GBP", "CHF", "KWD", "XOF", "XCG", "ZWG", "SLE", "VES"})
  @DisplayName("currencies in use today are active")
  void inUse(String code) {
    assertThat(Currencies.isActive(code)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN",
      "UYI", "UYW", "XBA", "XDR", "XSU", "XUA", "DEM", "FRF", "HRK", "ANG", "SLL", "ZWL", "CUC", "VEF", "BYR"})
  @DisplayName("no currency, test, metal, fund and unit-of-account codes and withdrawn currencies are not")
  void notInUse(String code) {
    assertThat(Currencies.isActive(code)).isFalse();
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"eur", "Eur", "EURO", "EU", "", " EUR"})
  @DisplayName("a code is three upper-case letters exactly as ISO writes it")
  void exactSpelling(String code) {
    assertThat(Currencies.isActive(code)).isFalse();
  }

  @Test
  @DisplayName("no code at all is not a currency")
  void nullIsNotACurrency() {
    assertThat(Currencies.isActive(null)).isFalse();
  }

  @Test
  @DisplayName("Money still reads a withdrawn currency, as events stored before its withdrawal hold it")
  void moneyKeepsOldCurrencies() {
    assertThat(new Money(100, "DEM").currency()).isEqualTo("DEM");
  }
}
