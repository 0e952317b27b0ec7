package org.orderplatform.bench.orderflow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("the order-flow benchmark's command line")
class OptionsTest {

  @Test
  @DisplayName("without flags it runs a closed loop of 32 for 30 s after 5 s of warm-up, on a platform it starts")
  void defaults() {
    Options options = Options.parse();

    assertThat(options.url()).isNull();
    assertThat(options.openLoop()).isFalse();
    assertThat(options.concurrency()).isEqualTo(32);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.skus()).isEqualTo(100);
    assertThat(options.target()).isEqualTo("order.confirmed");
    assertThat(options.jvmOpts()).containsExactly("-Xmx512m");
  }

  @Test
  @DisplayName("--smoke sets short defaults that any other flag overrides, wherever it stands")
  void smoke() {
    Options options = Options.parse("--duration=3s", "--smoke");

    assertThat(options.concurrency()).isEqualTo(8);
    assertThat(options.skus()).isEqualTo(20);
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  @DisplayName("a rate makes it an open loop; durations take ms, s and m; JVM options split on spaces")
  void values() {
    Options options = Options.parse("--rate=250.5", "--duration=2m", "--warmup=500ms", "--jvm-opts=-Xms1g  -Xmx1g",
        "--url=http://127.0.0.1:8080/", "--target=order.confirmed", "--json");

    assertThat(options.openLoop()).isTrue();
    assertThat(options.rate()).isEqualTo(250.5);
    assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.jvmOpts()).isEqualTo(List.of("-Xms1g", "-Xmx1g"));
    assertThat(options.url()).isEqualTo("http://127.0.0.1:8080");
    assertThat(options.target()).isEqualTo("order.confirmed");
    assertThat(options.json()).isTrue();
  }

  @Test
  @DisplayName("an unknown flag, a bad number or --split with --url is refused with the reason")
  void refusals() {
    assertThatThrownBy(() -> Options.parse("--concurency=8")).hasMessageContaining("unknown argument '--concurency=8'");
    assertThatThrownBy(() -> Options.parse("--concurrency=0")).hasMessageContaining("from 1 to");
    assertThatThrownBy(() -> Options.parse("--duration=5")).hasMessageContaining("500ms, 5s or 2m");
    assertThatThrownBy(() -> Options.parse("--duration=0s")).hasMessageContaining("more than 0");
    assertThatThrownBy(() -> Options.parse("--rate=-1")).hasMessageContaining("above 0");
    assertThatThrownBy(() -> Options.parse("--split", "--url=http://x")).hasMessageContaining("--split");
  }
}
