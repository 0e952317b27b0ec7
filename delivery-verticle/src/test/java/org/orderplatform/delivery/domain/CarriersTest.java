package org.orderplatform.delivery.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CarriersTest {

  @Test
  @DisplayName("the written table maps listed countries to their carrier and every other country to the default")
  void parses() {
    Carriers carriers = Carriers.parse(" fr = colissimo:2 ,DE=dhl:3,*=ups:5");

    assertThat(carriers.forCountry("FR")).isEqualTo(new Carrier("colissimo", 2));
    assertThat(carriers.forCountry("DE")).isEqualTo(new Carrier("dhl", 3));
    assertThat(carriers.forCountry("JP")).isEqualTo(new Carrier("ups", 5));
  }

  @Test
  @DisplayName("a table without a default, with a country twice, or with a malformed entry is refused")
  void refusesBadTables() {
    assertThatThrownBy(() -> Carriers.parse("FR=colissimo:2")).hasMessageContaining("*=carrier:days");
    assertThatThrownBy(() -> Carriers.parse("FR=a:2,FR=b:3,*=ups:5")).hasMessageContaining("FR is given twice");
    assertThatThrownBy(() -> Carriers.parse("FRA=a:2,*=ups:5")).hasMessageContaining("FRA=a:2");
    assertThatThrownBy(() -> Carriers.parse("FR=colissimo,*=ups:5")).hasMessageContaining("COUNTRY=carrier:days");
    assertThatThrownBy(() -> Carriers.parse("FR=Colissimo:2,*=ups:5")).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> Carriers.parse("FR=colissimo:61,*=ups:5")).hasMessageContaining("0 to 60 days");
  }
}
