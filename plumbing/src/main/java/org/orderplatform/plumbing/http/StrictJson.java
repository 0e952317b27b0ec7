package org.orderplatform.plumbing.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Reads a request body as one JSON object, refusing what would otherwise be stored altered or
 * refused by PostgreSQL later: bytes that are not UTF-8 (Vert.x would put U+FFFD in their place),
 * escaped lone surrogates (not Unicode text), and NUL in any key or string (text and jsonb cannot
 * hold it). Nesting is bounded, so a body cannot exhaust the stack of whoever walks the tree.
 */
public final class StrictJson {

  /** Deeper than any body this system takes, and shallow enough for any recursive walk. */
  public static final int MAX_DEPTH = 32;

  // A factory of our own: Vert.x's shared one (and its defaults) stay as every other caller expects.
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private StrictJson() {
  }

  /** The body as a JSON object, or a {@link Problem.ProblemException} saying what is wrong with it. */
  public static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      throw Problem.malformedJson("the request needs a JSON object body").exception();
    }
    JsonObject json = parse(utf8(body));
    requireStorableText(json);
    return json;
  }

  private static String utf8(Buffer body) {
    ByteBuffer bytes = ByteBuffer.wrap(body.getBytes());
    // UTF-8 never decodes to more chars than it has bytes.
    CharBuffer text = CharBuffer.allocate(bytes.remaining());
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    CoderResult result = decoder.decode(bytes, text, true);
    if (!result.isError()) {
      result = decoder.flush(text);
    }
    if (result.isError()) {
      // Overlong forms, encoded surrogates and stray bytes all land here, at the byte they start.
      throw Problem.invalidText("the body is not UTF-8 text: byte " + bytes.position() + " starts no character")
          .exception();
    }
    return text.flip().toString();
  }

  @SuppressWarnings("unchecked")
  private static JsonObject parse(String text) {
    Object value;
    try {
      // Vert.x builds the tree, so numbers come out as everywhere else (Integer, Long, BigInteger,
      // Double); its recursion is bounded by the parser's depth limit.
      value = JacksonCodec.fromParser(FACTORY.createParser(text), Object.class);
    } catch (IOException | DecodeException e) {
      throw Problem.malformedJson("the body is not one JSON object (at most " + MAX_DEPTH + " levels deep): "
          + e.getMessage()).exception();
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    if (value instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    throw Problem.malformedJson("the body must be a JSON object").exception();
  }

  /** A value and where it is, as an RFC 6901 JSON Pointer. */
  private record Place(String pointer, Object value) {
  }

  /** Walks every key and string, without recursion. */
  private static void requireStorableText(JsonObject root) {
    Deque<Place> pending = new ArrayDeque<>();
    pending.push(new Place("", root));
    while (!pending.isEmpty()) {
      Place next = pending.pop();
      if (next.value() instanceof JsonObject object) {
        for (String key : object.fieldNames()) {
          String child = next.pointer() + "/" + key.replace("~", "~0").replace("/", "~1");
          requireStorable(key, child, "key");
          pending.push(new Place(child, object.getValue(key)));
        }
      } else if (next.value() instanceof JsonArray array) {
        for (int i = 0; i < array.size(); i++) {
          pending.push(new Place(next.pointer() + "/" + i, array.getValue(i)));
        }
      } else if (next.value() instanceof String text) {
        requireStorable(text, next.pointer(), "text");
      }
    }
  }

  private static void requireStorable(String text, String pointer, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (c == '\u0000' || Character.isSurrogate(c)) {
        String shown = printable(pointer);
        String why = c == 0 ? "contains NUL (U+0000)" : "has a lone surrogate (" + escaped(c) + "), which is not Unicode text";
        // The pointer names the key or string (RFC 6901), its NUL and surrogates shown escaped.
        throw Problem.invalidText("the " + what + " at " + shown + " " + why).with("pointer", shown).exception();
      }
    }
  }

  /**
   * The pointer as a reply can carry it: the very characters it would name are shown escaped, since
   * a lone surrogate cannot be written out as UTF-8 at all.
   */
  private static String printable(String pointer) {
    StringBuilder shown = new StringBuilder();
    pointer.chars().forEach(c -> shown.append(c == 0 || Character.isSurrogate((char) c) ? escaped((char) c)
        : String.valueOf((char) c)));
    return shown.toString();
  }

  private static String escaped(char c) {
    return String.format("\\u%04x", (int) c);
  }
}
