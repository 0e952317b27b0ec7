package org.orderplatform.plumbing.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("a request body is read strictly as one JSON object of storable text")
class StrictJsonTest {

  @Test
  @DisplayName("accented text and an emoji (a valid surrogate pair) pass unchanged, in keys and in values")
  void validUnicodePassesUnchanged() {
    JsonObject read = StrictJson.object(utf8("{\"name\": \"Bâtiment 😀\", \"é😀\": [\"ß\", {\"x\": \"日本\"}]}"));

    assertThat(read.getString("name")).isEqualTo("B\u00e2timent \ud83d\ude00");
    assertThat(read.getJsonArray("\u00e9\ud83d\ude00").getString(0)).isEqualTo("\u00df");
    assertThat(read.getJsonArray("\u00e9\ud83d\ude00").getJsonObject(1).getString("x")).isEqualTo("\u65e5\u672c");
  }

  @Test
  @DisplayName("an escaped emoji pair is the same text as the emoji itself")
  void escapedPairIsAccepted() {
    assertThat(StrictJson.object(utf8("{\"e\": \"\\ud83d\\ude00\"}")).getString("e")).isEqualTo("\ud83d\ude00");
  }

  @Test
  @DisplayName("numbers come out as Vert.x reads them, so a route can tell whole from fractional and in range from not")
  void numbersKeepTheirKind() {
    JsonObject read = StrictJson.object(utf8("{\"i\": 7, \"l\": 4294967296, \"big\": 9223372036854775808,"
        + " \"half\": 1.5, \"huge\": 1e400}"));

    assertThat(read.getValue("i")).isEqualTo(7);
    assertThat(read.getValue("l")).isEqualTo(4294967296L);
    assertThat(read.getValue("big")).isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(read.getValue("half")).isEqualTo(1.5);
    assertThat(read.getValue("huge")).isEqualTo(Double.POSITIVE_INFINITY);
  }

  static Stream<Arguments> nuls() {
    return Stream.of(
        Arguments.of("in a value", "{\"name\": \"a\\u0000b\"}", "/name"),
        Arguments.of("in a key", "{\"na\\u0000me\": \"x\"}", "/na\\u0000me"),
        Arguments.of("alone", "{\"name\": \"\\u0000\"}", "/name"),
        Arguments.of("in an array deep down", "{\"a\": [1, {\"b\": [\"ok\", \"x\\u0000\"]}]}", "/a/1/b/1"),
        Arguments.of("in a nested key", "{\"a\": {\"\\u0000\": 1}}", "/a/\\u0000"));
  }

  @ParameterizedTest(name = "an escaped NUL {0} is refused as invalid-text at {2}")
  @MethodSource("nuls")
  @DisplayName("an escaped NUL anywhere is refused, naming where it is")
  void escapedNulIsRefused(String where, String body, String pointer) {
    Problem problem = refused(() -> StrictJson.object(utf8(body)));

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.type()).isEqualTo("/problems/invalid-text");
    assertThat(problem.extensions().getString("pointer")).isEqualTo(pointer);
    assertThat(problem.detail()).contains("NUL");
  }

  @ParameterizedTest(name = "a raw NUL byte {0}")
  @ValueSource(strings = {"inside a string", "between tokens"})
  @DisplayName("a raw NUL byte is not JSON at all")
  void rawNulIsMalformed(String where) {
    byte[] body = where.startsWith("inside")
        ? new byte[] {'{', '"', 'a', '"', ':', '"', 'x', 0, 'y', '"', '}'}
        : new byte[] {'{', 0, '"', 'a', '"', ':', '1', '}'};

    assertThat(refused(() -> StrictJson.object(Buffer.buffer(body))).type()).isEqualTo("/problems/malformed-json");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"a\": \"\\ud800\"}", "{\"a\": \"\\udc00\"}", "{\"a\": \"x\\ud83dy\"}",
      "{\"a\": \"\\ude00\\ud83d\"}", "{\"a\": \"end\\ud83d\"}", "{\"\\ud800\": 1}", "{\"a\": [[\"\\udfff\"]]}"})
  @DisplayName("a lone high or low surrogate, escaped, in a key or a value, is not Unicode text and is refused")
  void loneSurrogateIsRefused(String body) {
    Problem problem = refused(() -> StrictJson.object(utf8(body)));

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.type()).isEqualTo("/problems/invalid-text");
    assertThat(problem.detail()).contains("lone surrogate");
  }

  static Stream<Arguments> notUtf8() {
    return Stream.of(
        Arguments.of("0xC3 0x28 (a lead byte without its continuation)", new byte[] {(byte) 0xC3, 0x28}),
        Arguments.of("0xC0 0xAF (an overlong '/')", new byte[] {(byte) 0xC0, (byte) 0xAF}),
        Arguments.of("0xE0 0x80 0xAF (an overlong '/' in three bytes)", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}),
        Arguments.of("0xC0 0x80 (an overlong NUL)", new byte[] {(byte) 0xC0, (byte) 0x80}),
        Arguments.of("0xED 0xA0 0x80 (a surrogate encoded as if it were a character)",
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
        Arguments.of("0xF5 0x80 0x80 0x80 (past U+10FFFF)", new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}),
        Arguments.of("0xFF (never in UTF-8)", new byte[] {(byte) 0xFF}),
        Arguments.of("0x80 (a continuation byte alone)", new byte[] {(byte) 0x80}),
        Arguments.of("0xE2 0x82 (a character cut short)", new byte[] {(byte) 0xE2, (byte) 0x82}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notUtf8")
  @DisplayName("bytes that are not UTF-8 inside a string are refused, not replaced")
  void invalidUtf8IsRefused(String what, byte[] bad) {
    Buffer body = Buffer.buffer("{\"name\": \"a").appendBytes(bad).appendString("b\"}");

    Problem problem = refused(() -> StrictJson.object(body));

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.type()).isEqualTo("/problems/invalid-text");
    assertThat(problem.detail()).contains("byte 11");
  }

  @Test
  @DisplayName("JSON nested ten thousand deep is refused as malformed, without overflowing the stack")
  void deepNestingIsRefused() {
    String arrays = "{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    String objects = "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000);

    assertThat(refused(() -> StrictJson.object(utf8(arrays))).type()).isEqualTo("/problems/malformed-json");
    assertThat(refused(() -> StrictJson.object(utf8(objects))).type()).isEqualTo("/problems/malformed-json");
  }

  @Test
  @DisplayName("nesting up to the limit is read; one level more is not")
  void nestingLimitIsExact() {
    String atLimit = "{\"a\": " + "[".repeat(StrictJson.MAX_DEPTH - 1) + "]".repeat(StrictJson.MAX_DEPTH - 1) + "}";
    String overLimit = "{\"a\": " + "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH) + "}";

    assertThat(StrictJson.object(utf8(atLimit)).containsKey("a")).isTrue();
    assertThat(refused(() -> StrictJson.object(utf8(overLimit))).type()).isEqualTo("/problems/malformed-json");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "   ", "[]", "\"text\"", "42", "null", "{\"a\": 1", "{\"a\": 1} {}", "{\"a\": 1} x",
      "{\"a\": 1, \"a\": 2}", "{'a': 1}", "{\"a\": 01}", "{\"a\": NaN}", "{\"a\": 1,}"})
  @DisplayName("anything but exactly one well-formed JSON object, keys once each, is malformed")
  void notOneObjectIsMalformed(String body) {
    Problem problem = refused(() -> StrictJson.object(utf8(body)));

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.type()).isEqualTo("/problems/malformed-json");
  }

  @Test
  @DisplayName("no body at all is malformed")
  void missingBodyIsMalformed() {
    assertThat(refused(() -> StrictJson.object(null)).type()).isEqualTo("/problems/malformed-json");
  }

  @Test
  @DisplayName("the refusal of a lone surrogate in a key can itself be written as JSON")
  void refusalIsEncodable() {
    Problem problem = refused(() -> StrictJson.object(utf8("{\"\\ud800\": 1}")));

    String encoded = problem.toJson().encode();
    assertThat(new JsonObject(Buffer.buffer(encoded.getBytes(StandardCharsets.UTF_8))).getString("pointer"))
        .isEqualTo("/\\ud800");
  }

  private static Buffer utf8(String text) {
    return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Problem refused(ThrowingCallable read) {
    Problem.ProblemException refused = catchThrowableOfType(Problem.ProblemException.class, read);
    assertThat(refused).as("refused with a problem").isNotNull();
    return refused.problem();
  }
}
