package org.orderplatform.messaging.admin;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.orderplatform.messaging.GroupSettings;
import org.orderplatform.messaging.testing.Gen;
import org.orderplatform.messaging.testing.HostileBodies;
import org.orderplatform.messaging.testing.HostileBodies.Body;
import org.orderplatform.messaging.testing.HostileBodies.Raw;
import org.orderplatform.messaging.testing.MessagingNode;
import org.orderplatform.messaging.testing.Recorder;
import org.orderplatform.messaging.testing.TestDatabase;
import org.orderplatform.messaging.testing.Tries;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orderplatform.messaging.testing.Awaiting.eventually;
import static org.orderplatform.messaging.testing.HostileBodies.assertRefused;
import static org.orderplatform.messaging.testing.HostileBodies.negative;
import static org.orderplatform.messaging.testing.HostileBodies.replacing;
import static org.orderplatform.messaging.testing.HostileBodies.wholeNumbersFrom;
import static org.orderplatform.messaging.testing.MessagingNode.restock;

/**
 * Every request these generators make is wrong by construction, so the only right answer is a 4xx
 * problem, and no subscription, dead letter or inbox row may move. Requests carry the admin token,
 * so they reach the routes' own checks. Where a route reads a body, the body is what is wrong (one
 * field made wrong, a required field missing, not JSON, not declared as JSON), or the path names
 * nothing the route can act on (whatever the body). Where a route ignores its body (the retry of
 * one dead letter, a rebuild), a request is wrong in its path (it names no open dead letter, no
 * group), or it carries a body that is not declared as JSON: a request the route would accept is
 * never drawn, so every answer must be a refusal. Each property draws {@value #TRIES} requests from
 * the seed {@link Tries} reads.
 */
@DisplayName("the admin API's POST routes refuse whatever is wrong with a request")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminRoutesPropertyTest {

  private static final int TRIES = 200;
  private static final String GROUP = "stock-projection";
  private static final long HEAD = 3;
  private static final List<String> NOT_JSON = Arrays.asList(null, "text/plain", "application/xml",
      "application/x-www-form-urlencoded", "text/json", "application/json; charset=utf-16", "multipart/form-data");

  private final Recorder recorder = new Recorder(GROUP);
  private TestDatabase db;
  private MessagingNode node;
  private long open;
  private long resolved;
  private long discarded;

  /** What is sent: a path below {@code /admin}, percent-encoded as it goes on the wire, and a body. */
  private record Request(String path, Body body) {
  }

  @BeforeAll
  void start() {
    db = TestDatabase.create();
    Recorder.createTable(db);
    node = MessagingNode.start(db, List.of(recorder.subscription(GroupSettings.perEvent())));
    node.append(List.of(restock("sku-1", 1), restock("sku-2", 2), restock("sku-3", 3)));
    eventually(() -> node.count("select count(*) from eventlog.subscriptions where group_name = $1 and cursor = $2",
        GROUP, HEAD), n -> n == 1, "three events delivered and the cursor stored");
    open = deadLetter("open");
    resolved = deadLetter("resolved");
    discarded = deadLetter("discarded");
  }

  @AfterAll
  void stop() {
    try {
      node.close();
    } finally {
      db.close();
    }
  }

  @Test
  @DisplayName("a retry by fingerprint without a fingerprint, or with a wrong field or body, is a 4xx problem and changes nothing")
  void wrongRetryByFingerprint() {
    Supplier<Map<String, Object>> valid = () -> object("fingerprint", "fp-open", "group", GROUP);
    Tries.forAll(TRIES, Gen.oneOf(
            replacing(valid, Gen.oneOf(HostileBodies.notText(), Gen.just(null), Gen.of("", " ", "\t\n")),
                "fingerprint").map(Body::json),
            replacing(valid, HostileBodies.notText(), "group").map(Body::json),
            HostileBodies.withUnstorableText(valid).map(Body::json),
            HostileBodies.malformed(valid, keys(valid)),
            HostileBodies.objectsWithout("fingerprint", keys(valid))),
        body -> assertRefusedAndNothingChanged(new Request("/dead-letters/retry", body)));
  }

  @Test
  @DisplayName("a retry of one dead letter that is not open, or with a body not declared as JSON, is a 4xx problem and changes nothing")
  void wrongRetryOfOne() {
    Tries.forAll(TRIES, Gen.<Request>oneOf(
            random -> new Request("/dead-letters/" + idsOfNoOpenDeadLetter().next(random) + "/retry",
                anyBody().next(random)),
            notJson().map(body -> new Request("/dead-letters/" + open + "/retry", body))),
        this::assertRefusedAndNothingChanged);
  }

  @Test
  @DisplayName("a discard of a dead letter that is not open, or without a reason, is a 4xx problem and changes nothing")
  void wrongDiscard() {
    Supplier<Map<String, Object>> valid = () -> object("reason", "duplicate");
    Tries.forAll(TRIES, Gen.<Request>oneOf(
            random -> new Request("/dead-letters/" + idsOfNoOpenDeadLetter().next(random) + "/discard",
                anyBody().next(random)),
            Gen.oneOf(
                replacing(valid, Gen.oneOf(HostileBodies.notText(), Gen.just(null), Gen.of("", " ", "\t\n")),
                    "reason").map(Body::json),
                HostileBodies.withUnstorableText(valid).map(Body::json),
                HostileBodies.malformed(valid, keys(valid)),
                HostileBodies.objectsWithout("reason", keys(valid)))
                .map(body -> new Request("/dead-letters/" + open + "/discard", body))),
        this::assertRefusedAndNothingChanged);
  }

  @Test
  @DisplayName("a replay of no group, or with a wrong position or time, is a 4xx problem and changes nothing")
  void wrongReplay() {
    Supplier<Map<String, Object>> byPosition = () -> object("fromPosition", new Raw("2"));
    Supplier<Map<String, Object>> byTime = () -> object("fromTime", "2026-01-31T10:00:00Z");
    List<String> keys = List.of("fromPosition", "fromTime");
    Gen<Body> wrongBodies = Gen.oneOf(
        replacing(byPosition, Gen.oneOf(HostileBodies.notWholeNumber(), Gen.just(null),
            negative(wholeNumbersFrom(BigInteger.ONE)), wholeNumbersFrom(BigInteger.valueOf(HEAD + 1))),
            "fromPosition").map(Body::json),
        replacing(byTime, Gen.oneOf(HostileBodies.notText(), HostileBodies.texts(), Gen.just(null),
            Gen.of("2026-01-31T10:00:00", "2026-01-31", "yesterday", "2026-02-30T00:00:00Z", "2026-01-31T25:00:00Z",
                "2026-01-31 10:00:00Z", "1769853600",
                // ISO-8601, but outside what PostgreSQL can hold (4713 BC to 294276 AD)
                "+294277-01-01T00:00:00Z", "+294277-01-05T12:00:00+01:00", "+999999999-12-31T23:59:59-18:00",
                "-4713-11-23T23:59:59Z", "-999999999-01-01T00:00:00+18:00")), "fromTime").map(Body::json),
        Gen.between(0, (int) HEAD).map(position -> Body.json(object("fromPosition", new Raw(position.toString()),
            "fromTime", "2026-01-31T10:00:00Z"))),
        HostileBodies.withUnstorableText(byPosition).map(Body::json),
        HostileBodies.malformed(byPosition, keys),
        HostileBodies.values(keys).filter(value -> value instanceof Map).map(value -> {
          Map<?, ?> object = (Map<?, ?>) value;
          keys.forEach(object::remove);
          return Body.json(object);
        }));
    Tries.forAll(TRIES, Gen.<Request>oneOf(
            random -> new Request("/subscriptions/" + namesOfNoGroup().next(random) + "/replay",
                Gen.oneOf(anyBody(), Gen.just(Body.json(byPosition.get()))).next(random)),
            wrongBodies.map(body -> new Request("/subscriptions/" + GROUP + "/replay", body))),
        this::assertRefusedAndNothingChanged);
  }

  @Test
  @DisplayName("a rebuild of no group, or with a body not declared as JSON, is a 4xx problem and changes nothing")
  void wrongRebuild() {
    Tries.forAll(TRIES, Gen.<Request>oneOf(
            random -> new Request("/projections/" + namesOfNoGroup().next(random) + "/rebuild", anyBody().next(random)),
            notJson().map(body -> new Request("/projections/" + GROUP + "/rebuild", body))),
        this::assertRefusedAndNothingChanged);
  }

  /** Path segments, as sent, that name no dead letter, or one that is not open; whatever parses to the open one is left out. */
  private Gen<String> idsOfNoOpenDeadLetter() {
    return Gen.oneOf(
            HostileBodies.texts().filter(text -> !text.isEmpty() && !text.matches("\\.+")).map(text -> encoded(text)),
            Gen.of("0", "-1", "99999999999999999999", "1.0", "1e0", "0x1", "%201", "seven", "%00",
                Long.toString(resolved), Long.toString(discarded), "+" + resolved, "0" + discarded),
            wholeNumbersFrom(BigInteger.valueOf(discarded + 1)).map(Raw::text),
            negative(wholeNumbersFrom(BigInteger.ONE)).map(Raw::text),
            Gen.bytes(1, 8).map(AdminRoutesPropertyTest::percentEncoded))
        .filter(segment -> !namesOpen(segment));
  }

  private boolean namesOpen(String segment) {
    try {
      return Long.parseLong(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8)) == open;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Path segments, as sent, that name no subscriber group. */
  private static Gen<String> namesOfNoGroup() {
    return Gen.oneOf(
        Gen.oneOf(HostileBodies.texts(), Gen.of("Stock-projection", "stock-projection ", " stock-projection",
                "stock_projection", "stock-projectio", "stock-projection/", "stock-projection\u0000", "no-such-group"))
            .filter(text -> !text.isEmpty() && !text.matches("\\.+") && !text.equals(GROUP))
            .map(AdminRoutesPropertyTest::encoded),
        Gen.bytes(1, 8).map(AdminRoutesPropertyTest::percentEncoded));
  }

  /** Any body at all: JSON objects a route could read, empty ones, malformed ones, ones not declared as JSON. */
  private static Gen<Body> anyBody() {
    Supplier<Map<String, Object>> some = () -> object("reason", "duplicate", "fromPosition", new Raw("1"));
    return Gen.oneOf(Gen.of(Body.json(Map.of()), Body.json(some.get()), new Body("application/json", Buffer.buffer()),
            new Body(null, Buffer.buffer())),
        HostileBodies.malformed(some, keys(some)), notJson());
  }

  /** Bodies of at least one byte that are not declared as UTF-8 JSON (some hold JSON all the same). */
  private static Gen<Body> notJson() {
    return random -> new Body(NOT_JSON.get(random.nextInt(NOT_JSON.size())), Buffer.buffer(random.nextBoolean()
        ? Gen.bytes(1, 64).next(random) : "{\"reason\":\"duplicate\"}".getBytes(StandardCharsets.UTF_8)));
  }

  /** Every byte of the text's UTF-8 percent-encoded but letters, digits and '-'; a lone surrogate as the 3 bytes UTF-8 forbids. */
  private static String encoded(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (cp < 0x80 && (Character.isLetterOrDigit(cp) || cp == '-')) {
        out.append((char) cp);
      } else if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
        out.append(percentEncoded(new byte[] {(byte) (0xe0 | cp >> 12), (byte) (0x80 | cp >> 6 & 0x3f),
            (byte) (0x80 | cp & 0x3f)}));
      } else {
        out.append(percentEncoded(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)));
      }
    });
    return out.toString();
  }

  private static String percentEncoded(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%%%02X", b & 0xff));
    }
    return out.toString();
  }

  private static Map<String, Object> object(Object... entries) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      object.put((String) entries[i], entries[i + 1]);
    }
    return object;
  }

  private static List<String> keys(Supplier<Map<String, Object>> valid) {
    return List.copyOf(valid.get().keySet());
  }

  private long deadLetter(String status) {
    return node.count("insert into eventlog.dead_letters (group_name, event_id, position, type, version, aggregate_id,"
        + " envelope, error_class, error_message, fingerprint, attempts, status) values ($1, gen_random_uuid(), 1,"
        + " 'inventory.stock-restocked', 1, $2, '{}', 'X', 'x', $3, '[]', $4) returning id",
        GROUP, "ghost-" + status, "fp-" + status, status);
  }

  private void assertRefusedAndNothingChanged(Request request) {
    List<String> before = stored();

    assertRefused(node.adminPost(request.path(), request.body().contentType(), request.body().bytes()));

    assertThat(stored()).isEqualTo(before);
  }

  /** The groups' cursors, epochs and pending rebuilds, the dead letters' statuses, and the inbox. */
  private List<String> stored() {
    List<String> rows = new ArrayList<>();
    node.rows("select group_name, cursor, epoch, reset_pending from eventlog.subscriptions order by group_name")
        .forEach(row -> rows.add(row.getString(0) + "/" + row.getLong(1) + "/" + row.getLong(2) + "/" + row.getBoolean(3)));
    node.rows("select id, status from eventlog.dead_letters order by id")
        .forEach(row -> rows.add(row.getLong(0) + "/" + row.getString(1)));
    rows.add("inbox " + node.count("select count(*) from eventlog.inbox"));
    return rows;
  }
}
