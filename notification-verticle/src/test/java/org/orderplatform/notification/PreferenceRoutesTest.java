package org.orderplatform.notification;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;

/** {@code PUT/GET /customers/{id}/notification-preferences} over real HTTP. */
class PreferenceRoutesTest {

  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(NotificationModule.SCHEMA, NotificationModule::new);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  private static HttpResponse<Buffer> put(String customer, String body) {
    return await(service.request(HttpMethod.PUT, "/customers/" + customer + "/notification-preferences", body, Map.of()));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/" + type);
  }

  @Test
  @DisplayName("preferences put are read back; a later put replaces them whole")
  void putThenGet() {
    String body = "{\"log\":true,\"webhook\":{\"url\":\"https://hooks.example.com/x\"},\"email\":{\"address\":\"a@b.co\"}}";
    HttpResponse<Buffer> stored = put("ada", body);
    assertThat(stored.statusCode()).as(stored.bodyAsString()).isEqualTo(200);
    JsonObject expected = new JsonObject(body).put("customerId", "ada").put("chosen", true);
    assertThat(stored.bodyAsJsonObject()).isEqualTo(expected);
    assertThat(service.get("/customers/ada/notification-preferences").bodyAsJsonObject()).isEqualTo(expected);

    assertThat(put("ada", "{\"email\":{\"address\":\"ada@example.org\"}}").statusCode()).isEqualTo(200);
    assertThat(service.get("/customers/ada/notification-preferences").bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("customerId", "ada").put("log", false).putNull("webhook")
        .put("email", new JsonObject().put("address", "ada@example.org")).put("chosen", true));
  }

  @Test
  @DisplayName("a customer who never chose reads the default: the log only")
  void defaultForUnknown() {
    HttpResponse<Buffer> response = service.get("/customers/nobody/notification-preferences");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("customerId", "nobody").put("log", true)
        .putNull("webhook").putNull("email").put("chosen", false));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"webhook\":{\"url\":\"ftp://example.com/\"}}",
      "{\"webhook\":{\"url\":\"javascript:alert(1)\"}}",
      "{\"webhook\":\"http://example.com/\"}",
      "{\"webhook\":{\"url\":\"http://example.com/\",\"extra\":1}}",
      "{\"email\":{\"address\":\"not-an-address\"}}",
      "{\"email\":{\"address\":\"a@b.co\\r\\nBcc: x@y.z\"}}",
      "{\"email\":{\"address\":42}}",
      "{\"log\":\"yes\"}",
      "{\"sms\":{\"number\":\"+331\"}}"})
  @DisplayName("invalid preferences are a 422 validation problem and store nothing")
  void invalid(String body) {
    assertProblem(put("eve", body), 422, "validation");
    assertThat(service.get("/customers/eve/notification-preferences").bodyAsJsonObject().getBoolean("chosen")).isFalse();
  }

  @Test
  @DisplayName("a body that is not JSON, or not declared as JSON, and an over-long customer id are refused")
  void badRequests() {
    assertProblem(put("eve", "{\"log\":"), 400, "malformed-json");
    assertProblem(put("eve", "[]"), 400, "malformed-json");
    assertProblem(await(service.request(HttpMethod.PUT, "/customers/eve/notification-preferences", "log=true",
        Map.of("content-type", "application/x-www-form-urlencoded"))), 415, "unsupported-media-type");
    assertProblem(put("x".repeat(201), "{\"log\":true}"), 422, "validation");
    assertProblem(service.get("/customers/eve%00/notification-preferences"), 400, "invalid-text");
  }
}
