package org.orderplatform.plumbing.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("a router set up with HttpInput takes storable URLs and JSON bodies up to its limit, nothing else")
class HttpInputTest {

  private static final int LIMIT = 1024;

  private static Vertx vertx;
  private static HttpServer server;
  // HTTP/1.1 as the services speak it: no h2c upgrade.
  private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  /** How many requests reached a route's own handler: a refused one must not. */
  private static final AtomicInteger handled = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    HttpInput.accept(router, LIMIT);
    router.post("/echo").handler(ctx -> {
      JsonObject body = Problems.jsonBody(ctx);
      handled.incrementAndGet();
      ctx.json(body);
    });
    router.post("/poke").handler(ctx -> {
      handled.incrementAndGet();
      ctx.response().setStatusCode(202).end();
    });
    router.route().failureHandler(Problems::handleFailure);
    server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
      "application/xml", "application/json; charset=iso-8859-1", "application/json-seq", "text/json"})
  @DisplayName("a body of any other content type is a 415 problem and never reaches the route")
  void otherContentTypeIsRefused(String contentType) throws Exception {
    int before = handled.get();

    HttpResponse<String> response = post("/echo", contentType, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));

    assertProblem(response, 415, "unsupported-media-type");
    assertThat(handled.get()).isEqualTo(before);
  }

  @Test
  @DisplayName("a body without any content type is a 415 problem, even on a route that reads no body")
  void missingContentTypeIsRefused() throws Exception {
    int before = handled.get();

    assertProblem(post("/echo", null, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8)), 415, "unsupported-media-type");
    assertProblem(post("/poke", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)), 415, "unsupported-media-type");
    assertThat(handled.get()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON; Charset=\"UTF-8\"",
      "application/merge-patch+json", "application/problem+json"})
  @DisplayName("application/json and application/*+json in UTF-8 are read, text unchanged")
  void jsonIsAccepted(String contentType) throws Exception {
    HttpResponse<String> response = post("/echo", contentType,
        "{\"name\": \"Bâtiment 😀\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("name")).isEqualTo("B\u00e2timent \ud83d\ude00");
  }

  @Test
  @DisplayName("a POST without a body needs no content type")
  void noBodyNeedsNoContentType() throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/poke"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  @DisplayName("a body over the limit is a 413 problem, whether its length is announced or it comes in chunks")
  void bodyOverLimitIsRefused() throws Exception {
    byte[] big = ("{\"a\": \"" + "x".repeat(LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
    int before = handled.get();

    assertProblem(post("/echo", "application/json", big), 413, "too-large");
    HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(uri("/echo"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertProblem(chunked, 413, "too-large");
    assertThat(handled.get()).isEqualTo(before);
  }

  @Test
  @DisplayName("a body at the limit is read")
  void bodyAtLimitIsRead() throws Exception {
    String padding = "x".repeat(LIMIT - "{\"a\": \"\"}".length());

    HttpResponse<String> response = post("/echo", "application/json",
        ("{\"a\": \"" + padding + "\"}").getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  @DisplayName("over HTTP, invalid UTF-8 and an escaped NUL are 400 problems that never reach the route")
  void strictReadingOverHttp() throws Exception {
    int before = handled.get();

    assertProblem(post("/echo", "application/json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}),
        400, "invalid-text");
    assertProblem(post("/echo", "application/json", "{\"a\": \"\\u0000\"}".getBytes(StandardCharsets.UTF_8)),
        400, "invalid-text");
    assertProblem(post("/echo", "application/json", ("{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}")
        .getBytes(StandardCharsets.UTF_8)), 413, "too-large");
    assertProblem(post("/echo", "application/json", ("{\"a\": " + "[".repeat(500) + "]".repeat(500) + "}")
        .getBytes(StandardCharsets.UTF_8)), 400, "malformed-json");
    assertThat(handled.get()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/echo/%00", "/echo?q=a%00b", "/echo/%C3%28", "/echo/%C0%AF", "/echo/%ED%A0%80", "/echo?q=%FF"})
  @DisplayName("a URL holding NUL or bytes that are not UTF-8, percent-encoded, is a 400 problem before any route")
  void unstorableUrlIsRefused(String path) throws Exception {
    int before = handled.get();

    assertProblem(post(path, "application/json", "{}".getBytes(StandardCharsets.UTF_8)), 400, "invalid-text");
    assertThat(handled.get()).isEqualTo(before);
  }

  @Test
  @DisplayName("a percent-encoded accented letter in a URL is fine")
  void encodedUnicodeUrlIsFine() throws Exception {
    HttpResponse<String> response = post("/echo?q=B%C3%A2timent%F0%9F%98%80", "application/json",
        "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue(Problem.CONTENT_TYPE);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo("/problems/" + type);
    assertThat(problem.getInteger("status")).isEqualTo(status);
  }

  private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("content-type", contentType);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
