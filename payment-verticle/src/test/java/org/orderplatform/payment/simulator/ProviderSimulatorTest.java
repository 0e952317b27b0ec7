package org.orderplatform.payment.simulator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orderplatform.plumbing.db.Pools;
import org.orderplatform.plumbing.http.HttpRoutes;
import org.orderplatform.runtime.ServiceContext;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;

/** The provider simulator over real HTTP, its ledger in a real PostgreSQL schema. */
class ProviderSimulatorTest {

  private static ServiceHarness service;

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(Map.of("PROVIDER_DECLINE_ABOVE", "5000"),
        new ServiceHarness.Hosting(ProviderSimulatorModule.SCHEMA, ProviderSimulatorModule::new));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @BeforeEach
  void healthy() {
    assertThat(service.post("/simulator/outage", "{\"enabled\":false}").statusCode()).isEqualTo(200);
  }

  private static HttpResponse<Buffer> charge(String key, long minor, String token) {
    return await(service.http.post(service.port(), "127.0.0.1", "/provider/charges")
        .putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("amount", amount(minor)).put("token", token)));
  }

  private static HttpResponse<Buffer> refund(String key, String charge, long minor) {
    return await(service.http.post(service.port(), "127.0.0.1", "/provider/refunds")
        .putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("charge", charge).put("amount", amount(minor))));
  }

  private static JsonObject amount(long minor) {
    return new JsonObject().put("minor", minor).put("currency", "EUR");
  }

  private static long rows(String table, String key) {
    return service.count("select count(*) from payment_provider." + table + " where idempotency_key = $1", key);
  }

  @Test
  @DisplayName("the same idempotency key gets the same charge, 201 then 200, and one ledger row")
  void sameKeySameCharge() {
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> first = charge(key, 1200, "tok_visa");
    HttpResponse<Buffer> again = charge(key, 1200, "tok_visa");

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(first.bodyAsJsonObject().getString("id"))
        .startsWith("ch_");
    assertThat(rows("charges", key)).isEqualTo(1);
    assertThat(service.get("/provider/charges/" + key).bodyAsJsonObject().getString("status")).isEqualTo("charged");
  }

  @Test
  @DisplayName("tok_decline and an amount above the limit are declined with 402, the same decline every time")
  void declines() {
    String byToken = UUID.randomUUID().toString();
    String byAmount = UUID.randomUUID().toString();

    HttpResponse<Buffer> declined = charge(byToken, 100, "tok_decline");
    assertProblem(declined, 402, "card-declined");
    assertProblem(charge(byAmount, 5001, "tok_visa"), 402, "card-declined");
    HttpResponse<Buffer> again = charge(byToken, 100, "tok_decline");

    assertProblem(again, 402, "card-declined");
    assertThat(again.bodyAsJsonObject().getString("chargeId")).isEqualTo(declined.bodyAsJsonObject().getString("chargeId"));
    assertThat(rows("charges", byToken)).isEqualTo(1);
    assertThat(charge(UUID.randomUUID().toString(), 5000, "tok_visa").statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("tok_fail and an outage get 503 and write nothing; the outage switch is undone at runtime")
  void failuresWriteNothing() {
    String failing = UUID.randomUUID().toString();
    String duringOutage = UUID.randomUUID().toString();

    assertProblem(charge(failing, 100, "tok_fail"), 503, "provider-unavailable");
    service.post("/simulator/outage", "{\"enabled\":true}");
    assertProblem(charge(duringOutage, 100, "tok_visa"), 503, "provider-unavailable");
    assertProblem(service.get("/provider/charges/" + failing), 503, "provider-unavailable");
    service.post("/simulator/outage", "{\"enabled\":false}");

    assertThat(rows("charges", failing) + rows("charges", duringOutage)).isZero();
    assertThat(charge(duringOutage, 100, "tok_visa").statusCode()).isEqualTo(201);
  }

  @Test
  @DisplayName("a refund is taken once per key, at most once per charge, and only of a charge that was taken")
  void refunds() {
    String charged = UUID.randomUUID().toString();
    charge(charged, 900, "tok_visa");
    String declined = UUID.randomUUID().toString();
    charge(declined, 900, "tok_decline");

    HttpResponse<Buffer> first = refund(charged + ":refund", charged, 900);
    HttpResponse<Buffer> again = refund(charged + ":refund", charged, 900);

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(service.count("select count(*) from payment_provider.refunds where charge_key = $1", charged)).isEqualTo(1);
    assertProblem(refund("other-key", charged, 900), 409, "nothing-to-refund");
    assertProblem(refund(declined + ":refund", declined, 900), 409, "nothing-to-refund");
    assertProblem(refund("x:refund", UUID.randomUUID().toString(), 900), 404, "charge-not-found");
    String small = UUID.randomUUID().toString();
    charge(small, 100, "tok_visa");
    assertProblem(refund(small + ":refund", small, 101), 422, "validation");
  }

  @Test
  @DisplayName("the ledger survives a restart: a new simulator on the same database answers a known key with its charge")
  void ledgerSurvivesRestart() {
    String key = UUID.randomUUID().toString();
    String chargeId = charge(key, 700, "tok_visa").bodyAsJsonObject().getString("id");

    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Pools.pool(vertx, service.db.settings());
      var restarted = new ProviderSimulatorModule(new ServiceContext(vertx, pool, service.db.settings(), Clock.systemUTC(), UUID::randomUUID,
          name -> null, () -> null, new SimpleMeterRegistry()));
      HttpServer server = await(vertx.createHttpServer()
          .requestHandler(HttpRoutes.mountAll(Router.router(vertx), restarted.routes())).listen(0, "127.0.0.1"));
      WebClient client = WebClient.create(vertx);

      HttpResponse<Buffer> replayed = await(client.post(server.actualPort(), "127.0.0.1", "/provider/charges")
          .putHeader("Idempotency-Key", key)
          .sendJsonObject(new JsonObject().put("amount", amount(700)).put("token", "tok_visa")));
      HttpResponse<Buffer> looked = await(client.get(server.actualPort(), "127.0.0.1", "/provider/charges/" + key).send());

      assertThat(replayed.statusCode()).isEqualTo(200);
      assertThat(replayed.bodyAsJsonObject().getString("id")).isEqualTo(chargeId);
      assertThat(looked.bodyAsJsonObject().getString("id")).isEqualTo(chargeId);
      assertThat(rows("charges", key)).isEqualTo(1);
    } finally {
      await(vertx.close());
    }
  }

  @Test
  @DisplayName("the ledger lists charges and refunds for an audit")
  void ledgerLists() {
    String key = UUID.randomUUID().toString();
    charge(key, 300, "tok_visa");
    refund(key + ":refund", key, 300);

    JsonObject ledger = service.get("/simulator/ledger?limit=1000").bodyAsJsonObject();

    assertThat(ledger.getJsonArray("charges").stream().map(c -> ((JsonObject) c).getString("idempotencyKey")))
        .contains(key);
    assertThat(ledger.getJsonArray("refunds").stream().map(r -> ((JsonObject) r).getString("charge"))).contains(key);
  }

  static Stream<Arguments> badRequests() {
    String ok = "{\"amount\":{\"minor\":100,\"currency\":\"EUR\"},\"token\":\"tok_visa\"}";
    return Stream.of(
        Arguments.of("a charge without Idempotency-Key", "/provider/charges", null, ok, 400, "idempotency-key"),
        Arguments.of("a charge that is not JSON", "/provider/charges", "k1", "{\"amount\":", 400, "malformed-json"),
        Arguments.of("a charge without amount", "/provider/charges", "k2", "{\"token\":\"tok_visa\"}", 422, "validation"),
        Arguments.of("a negative amount", "/provider/charges", "k3",
            "{\"amount\":{\"minor\":-1,\"currency\":\"EUR\"},\"token\":\"tok_visa\"}", 422, "validation"),
        Arguments.of("a fractional amount", "/provider/charges", "k4",
            "{\"amount\":{\"minor\":1.5,\"currency\":\"EUR\"},\"token\":\"tok_visa\"}", 422, "validation"),
        Arguments.of("a currency that is no ISO code", "/provider/charges", "k5",
            "{\"amount\":{\"minor\":1,\"currency\":\"euro\"},\"token\":\"tok_visa\"}", 422, "validation"),
        Arguments.of("no token", "/provider/charges", "k6", "{\"amount\":{\"minor\":1,\"currency\":\"EUR\"}}", 422,
            "validation"),
        Arguments.of("a refund naming no charge", "/provider/refunds", "k7",
            "{\"amount\":{\"minor\":1,\"currency\":\"EUR\"}}", 422, "validation"),
        Arguments.of("an outage switch without a boolean", "/simulator/outage", null, "{\"enabled\":\"yes\"}", 422,
            "validation"),
        Arguments.of("a latency without a unit", "/simulator/latency", null, "{\"latency\":\"500\"}", 422, "validation"),
        Arguments.of("a path nobody serves", "/provider/nothing", "k8", ok, 404, "not-found"));
  }

  @ParameterizedTest(name = "{0} is refused with {4} /problems/{5}")
  @MethodSource("badRequests")
  @DisplayName("bad input is refused as problem+json and writes nothing")
  void badInput(String what, String path, String key, String body, int status, String type) {
    long before = service.count("select count(*) from payment_provider.charges");
    var request = service.http.post(service.port(), "127.0.0.1", path).putHeader("content-type", "application/json");
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }

    assertProblem(await(request.sendBuffer(Buffer.buffer(body))), status, type);
    assertThat(service.count("select count(*) from payment_provider.charges")).isEqualTo(before);
  }

  @Test
  @DisplayName("an unknown charge and a ledger limit out of range are problems too")
  void badLookups() {
    assertProblem(service.get("/provider/charges/" + UUID.randomUUID()), 404, "not-found");
    assertProblem(service.get("/simulator/ledger?limit=0"), 422, "validation");
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/" + type);
  }
}
