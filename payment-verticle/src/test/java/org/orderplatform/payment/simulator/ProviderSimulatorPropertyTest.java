package org.orderplatform.payment.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.messaging.testing.Gen;
import org.orderplatform.messaging.testing.HostileBodies;
import org.orderplatform.messaging.testing.HostileBodies.Body;
import org.orderplatform.messaging.testing.HostileBodies.Raw;
import org.orderplatform.messaging.testing.Tries;
import org.orderplatform.runtime.testing.ServiceHarness;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.await;
import static org.orderplatform.messaging.testing.HostileBodies.assertRefused;
import static org.orderplatform.messaging.testing.HostileBodies.negative;
import static org.orderplatform.messaging.testing.HostileBodies.replacing;
import static org.orderplatform.messaging.testing.HostileBodies.wholeNumbersFrom;

/**
 * Every request these generators make is wrong by construction (an Idempotency-Key missing, blank
 * or too long; one field made wrong; a required field missing; not JSON, not declared as JSON; a
 * refund the ledger cannot take), so the only right answer is a 4xx problem, and neither the ledger
 * nor the switches may move. Each property draws {@value #TRIES} requests from the seed {@link Tries} reads.
 */
@DisplayName("the provider simulator's POST routes refuse whatever is wrong with a request")
class ProviderSimulatorPropertyTest {

  private static final int TRIES = 200;
  private static final String CHARGED = "prop-charged";
  private static final String DECLINED = "prop-declined";
  private static final String REFUNDED = "prop-refunded";
  private static ServiceHarness service;

  /** A request as sent: its Idempotency-Key (null: none) and its body. */
  private record Request(String key, Body body) {
  }

  @BeforeAll
  static void start() {
    service = ServiceHarness.start(Map.of("PROVIDER_DECLINE_ABOVE", "5000"),
        new ServiceHarness.Hosting(ProviderSimulatorModule.SCHEMA, ProviderSimulatorModule::new));
    assertThat(send("/provider/charges", CHARGED, Body.json(charge())).statusCode()).isEqualTo(201);
    assertThat(send("/provider/charges", DECLINED, Body.json(charge("tok_decline"))).statusCode()).isEqualTo(402);
    assertThat(send("/provider/charges", REFUNDED, Body.json(charge())).statusCode()).isEqualTo(201);
    assertThat(send("/provider/refunds", REFUNDED + ":refund", Body.json(refund(REFUNDED))).statusCode())
        .isEqualTo(201);
    // Not the default, so that a request read wrongly as a reset to 0ms shows in the state.
    assertThat(service.post("/simulator/latency", "{\"latency\":\"1ms\"}").statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @DisplayName("a charge with a wrong Idempotency-Key or a wrong body is a 4xx problem and records nothing")
  void wrongCharge() {
    Tries.forAll(TRIES, Gen.oneOf(
            wrongKeys().map(key -> new Request(key, Body.json(charge()))),
            Gen.oneOf(amountsWithOneWrongField(ProviderSimulatorPropertyTest::charge),
                    replacing(ProviderSimulatorPropertyTest::charge, Gen.oneOf(HostileBodies.notText(),
                        Gen.just(null), Gen.of("", " ", " \t\n")), "token"),
                    HostileBodies.withUnstorableText(ProviderSimulatorPropertyTest::charge))
                .map(body -> new Request("prop-new-charge", Body.json(body))),
            malformed(ProviderSimulatorPropertyTest::charge, "amount", "token")
                .map(body -> new Request("prop-new-charge", body))),
        request -> assertRefusedAndNothingStored("/provider/charges", request));
  }

  @Test
  @DisplayName("a refund with a wrong Idempotency-Key, a wrong body or of a charge it cannot refund is a 4xx problem and records nothing")
  void wrongRefund() {
    Tries.forAll(TRIES, Gen.oneOf(
            wrongKeys().map(key -> new Request(key, Body.json(refund(CHARGED)))),
            Gen.oneOf(amountsWithOneWrongField(() -> refund(CHARGED)),
                    replacing(() -> refund(CHARGED), Gen.oneOf(HostileBodies.notText(), Gen.just(null),
                        Gen.of("", " ", " \t\n")), "charge"),
                    replacing(() -> refund(CHARGED), Gen.of("prop-unknown", DECLINED, REFUNDED), "charge"),
                    replacing(() -> refund(CHARGED), Gen.oneOf(Gen.of(new Raw("0"), new Raw("1001")),
                        wholeNumbersFrom(BigInteger.valueOf(1001)).filter(n -> n.text().length() < 19)),
                        "amount", "minor"),
                    replacing(() -> refund(CHARGED), Gen.of("USD", "GBP", "XXX"), "amount", "currency"),
                    HostileBodies.withUnstorableText(() -> refund(CHARGED)))
                .map(body -> new Request("prop-new-refund", Body.json(body))),
            malformed(() -> refund(CHARGED), "amount", "charge").map(body -> new Request("prop-new-refund", body))),
        request -> assertRefusedAndNothingStored("/provider/refunds", request));
  }

  @Test
  @DisplayName("an outage switch that is not a boolean is a 4xx problem and leaves the simulator as it was")
  void wrongOutage() {
    Tries.forAll(TRIES, Gen.oneOf(
            replacing(ProviderSimulatorPropertyTest::outage, Gen.oneOf(HostileBodies.notText()
                .filter(value -> !(value instanceof Boolean)), HostileBodies.texts(), Gen.just(null),
                Gen.of("true", "false", "on", "1")), "enabled").map(Body::json),
            HostileBodies.withUnstorableText(ProviderSimulatorPropertyTest::outage).map(Body::json),
            malformed(ProviderSimulatorPropertyTest::outage, "enabled")),
        body -> assertRefusedAndNothingStored("/simulator/outage", new Request(null, body)));
  }

  @Test
  @DisplayName("a latency that is not a duration from 0ms to 10min is a 4xx problem and leaves the simulator as it was")
  void wrongLatency() {
    Tries.forAll(TRIES, Gen.oneOf(
            replacing(ProviderSimulatorPropertyTest::latency, Gen.oneOf(HostileBodies.notText(), Gen.just(null),
                // Blank text is left out: the route takes it, as the default latency (0ms), as configuration does.
                HostileBodies.texts().filter(text -> !text.isBlank() && !couldBeDuration(text)),
                Gen.of("500", "-1s", "1h", "11min", "601s", "600001ms", "1.5s", "5 m", "9999999999ms", "5S", "5MS",
                    "s", "ms", "0x10ms", "1s 1ms", "PT1S")), "latency").map(Body::json),
            HostileBodies.withUnstorableText(ProviderSimulatorPropertyTest::latency).map(Body::json),
            malformed(ProviderSimulatorPropertyTest::latency, "latency")),
        body -> assertRefusedAndNothingStored("/simulator/latency", new Request(null, body)));
  }

  /** A superset of what the route takes (digits, a unit): random text that looks like this is left out. */
  private static boolean couldBeDuration(String text) {
    return text.strip().matches("(?i)\\d+\\s*(ms|s|min)");
  }

  private static Gen<String> wrongKeys() {
    return Gen.oneOf(Gen.of(null, "", " ", "\t"), Gen.between(201, 300).map("k"::repeat));
  }

  private static Gen<Object> amountsWithOneWrongField(Supplier<Map<String, Object>> valid) {
    return Gen.oneOf(
        replacing(valid, Gen.oneOf(HostileBodies.notText().filter(v -> !(v instanceof Map)), Gen.just(null),
            Gen.just(Map.of())), "amount"),
        replacing(valid, Gen.oneOf(HostileBodies.notWholeNumber(), Gen.just(null),
            negative(wholeNumbersFrom(BigInteger.ONE))), "amount", "minor"),
        replacing(valid, Gen.oneOf(HostileBodies.notText(), Gen.just(null),
            Gen.of("eur", "EURO", "E", "", "EU1", "\u00c9UR", " EUR"),
            Gen.strings(Gen.charsOf("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), 0, 6)
                .filter(code -> !code.matches("[A-Z]{3}"))), "amount", "currency"));
  }

  /** Bodies no route takes, and objects that lack one of the fields the route needs. */
  private static Gen<Body> malformed(Supplier<Map<String, Object>> valid, String... required) {
    List<String> keys = List.copyOf(valid.get().keySet());
    Gen<Body> missing = random -> HostileBodies.objectsWithout(required[random.nextInt(required.length)], keys)
        .next(random);
    return Gen.oneOf(HostileBodies.malformed(valid, keys), missing);
  }

  private static Map<String, Object> charge() {
    return charge("tok_visa");
  }

  private static Map<String, Object> charge(String token) {
    Map<String, Object> charge = new LinkedHashMap<>();
    charge.put("amount", amount());
    charge.put("token", token);
    return charge;
  }

  private static Map<String, Object> refund(String chargeKey) {
    Map<String, Object> refund = new LinkedHashMap<>();
    refund.put("charge", chargeKey);
    refund.put("amount", amount());
    return refund;
  }

  private static Map<String, Object> amount() {
    return new LinkedHashMap<>(Map.of("minor", new Raw("1000"), "currency", "EUR"));
  }

  private static Map<String, Object> outage() {
    return new LinkedHashMap<>(Map.of("enabled", false));
  }

  private static Map<String, Object> latency() {
    return new LinkedHashMap<>(Map.of("latency", "1ms"));
  }

  private static HttpResponse<Buffer> send(String path, String key, Body body) {
    var request = service.http.post(service.port(), "127.0.0.1", path);
    if (key != null) {
      request.putHeader(ProviderRoutes.IDEMPOTENCY_KEY, key);
    }
    if (body.contentType() != null) {
      request.putHeader("content-type", body.contentType());
    }
    return await(request.sendBuffer(body.bytes()));
  }

  private static void assertRefusedAndNothingStored(String path, Request request) {
    List<Object> before = stored();

    assertRefused(send(path, request.key(), request.body()));

    assertThat(stored()).isEqualTo(before);
  }

  /** The ledger's rows, and the switches (the calls counted are left out: every request counts, refused or not). */
  private static List<Object> stored() {
    JsonObject state = service.get("/simulator/state").bodyAsJsonObject();
    state.remove("calls");
    return List.of(service.count("select count(*) from payment_provider.charges"),
        service.count("select count(*) from payment_provider.refunds"), state);
  }
}
