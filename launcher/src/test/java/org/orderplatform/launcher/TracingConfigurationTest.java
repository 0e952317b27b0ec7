package org.orderplatform.launcher;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.runtime.PlatformMetrics;
import org.orderplatform.runtime.PlatformTracing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.Awaiting.eventually;

/** Tracing as the launcher configures it, from the standard {@code OTEL_*} settings. */
@DisplayName("tracing configured from OTEL_*")
class TracingConfigurationTest {

  @Test
  @DisplayName("without OTEL_TRACES_EXPORTER tracing is off")
  void offByDefault() {
    assumeThat(System.getenv("OTEL_TRACES_EXPORTER")).isNull();
    assumeThat(System.getProperty("otel.traces.exporter")).isNull();
    assertThat(PlatformTracing.fromEnvironment().enabled()).isFalse();
  }

  @Test
  @DisplayName("OTEL_TRACES_EXPORTER=logging logs Vert.x's span of an inbound request")
  void loggingExporter() {
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger exporterLog = Logger.getLogger(LoggingSpanExporter.class.getName());
    exporterLog.addHandler(capture);
    // The system property stands for the variable: the autoconfiguration reads both.
    System.setProperty("otel.traces.exporter", "logging");
    PlatformTracing tracing;
    try {
      tracing = PlatformTracing.fromEnvironment();
    } finally {
      System.clearProperty("otel.traces.exporter");
    }
    Vertx vertx = PlatformMetrics.create().vertxBuilder(new VertxOptions(), tracing).build();
    try {
      var server = await(vertx.createHttpServer().requestHandler(request -> request.response().end("ok"))
          .listen(0, "127.0.0.1"));
      var answer = await(WebClient.create(vertx).get(server.actualPort(), "127.0.0.1", "/traced").send());
      assertThat(answer.statusCode()).isEqualTo(200);
      eventually(() -> logged, lines -> lines.stream().anyMatch(line -> line.contains("/traced")),
          "the request's span in the exporter's log");
    } finally {
      exporterLog.removeHandler(capture);
      await(vertx.close());
    }
  }
}
