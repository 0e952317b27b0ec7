package org.orderplatform.runtime.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies for property tests of a POST route, as a hostile or careless client sends them.
 * A JSON tree is plain Java ({@code Map}, {@code List}, {@code String}, {@code Boolean}, null and
 * {@link Raw} numbers) and is rendered by hand: Vert.x would not write a lone surrogate, nor a
 * number such as {@code 1e400}, as the client does.
 */
public final class HostileBodies {

  /** A number (or any JSON text) written exactly as it is. */
  public record Raw(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** What is sent: a content type (null for none) and the bytes. */
  public record Body(String contentType, Buffer bytes) {
    public static Body json(Object tree) {
      return new Body("application/json", Buffer.buffer(render(tree).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      String text = bytes.toString(StandardCharsets.UTF_8);
      return contentType + ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  private HostileBodies() {
  }

  /** JSON text for the tree; strings escape what JSON must and every surrogate that is not half of a pair. */
  public static String render(Object tree) {
    StringBuilder out = new StringBuilder();
    render(tree, out);
    return out.toString();
  }

  private static void render(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      String comma = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(comma);
        string((String) entry.getKey(), out);
        out.append(':');
        render(entry.getValue(), out);
        comma = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        render(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String text) {
      string(text, out);
    } else {
      out.append(value);
    }
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  /** Text of any kind: letters, NUL and other controls, lone surrogates, emoji. */
  public static Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().ofMaxLength(12),
        Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(12),
        Arbitraries.of("", " ", "\u0000", "a\u0000b", "\ud800", "\udc00", "x\ud83d", "\ud83d\ude00", "B\u00e2timent"));
  }

  /** Numbers of every kind: small and whole, negative, past int and long, fractional, exponents. */
  public static Arbitrary<Raw> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-5, 5).map(n -> new Raw(Integer.toString(n))),
        wholeNumbersFrom(BigInteger.valueOf(Integer.MAX_VALUE)),
        wholeNumbersFrom(BigInteger.ONE).map(n -> new Raw("-" + n.text())),
        fractions(),
        Arbitraries.of(new Raw("1e400"), new Raw("-1e400"), new Raw("1e-400"), new Raw("1E3"), new Raw("-0"),
            new Raw("2147483648"), new Raw("9223372036854775808"), new Raw("18446744073709551616")));
  }

  /** Whole numbers from {@code low} up to forty digits. */
  public static Arbitrary<Raw> wholeNumbersFrom(BigInteger low) {
    return Arbitraries.bigIntegers().between(low, BigInteger.TEN.pow(40)).map(n -> new Raw(n.toString()));
  }

  /** Numbers that are not whole: 1.5, -0.25, 3.000001… */
  public static Arbitrary<Raw> fractions() {
    return Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e6"))
        .ofScale(3).filter(d -> d.stripTrailingZeros().scale() > 0).map(d -> new Raw(d.toPlainString()));
  }

  /** Any JSON value up to three levels deep, its object keys drawn from {@code keys} and from random text. */
  public static Arbitrary<Object> values(List<String> keys) {
    return values(keys, 3);
  }

  private static Arbitrary<Object> values(List<String> keys, int depth) {
    Arbitrary<Object> scalars = Arbitraries.oneOf(texts(), numbers(), Arbitraries.of(true, false), Arbitraries.just(null));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> values(keys, depth - 1));
    Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(keys), texts());
    return Arbitraries.frequencyOf(
        Tuple.of(3, scalars),
        Tuple.of(1, inner.list().ofMaxSize(4).map(list -> (Object) new ArrayList<>(list))),
        Tuple.of(2, Arbitraries.maps(names, inner).ofMaxSize(5).map(map -> (Object) new LinkedHashMap<>(map))));
  }

  /** Any value that is not a JSON string (null aside: for some fields it means "absent"). */
  public static Arbitrary<Object> notText() {
    return Arbitraries.oneOf(numbers(), Arbitraries.of(true, false), Arbitraries.just(List.of("x")),
        Arbitraries.just(Map.of("x", "y")));
  }

  /** Any value that is not a whole number a field could take: text, other kinds, fractions, numbers too big for a long. */
  public static Arbitrary<Object> notWholeNumber() {
    return Arbitraries.oneOf(texts(), fractions(), wholeNumbersFrom(BigInteger.TWO.pow(63)),
        Arbitraries.of(true, false), Arbitraries.of(new Raw("1e400"), new Raw("1.0"), new Raw("1E2")),
        Arbitraries.just(List.of(1)), Arbitraries.just(Map.of("n", 1)));
  }

  /** The tree with a NUL, or a lone surrogate, put into one of its keys or strings (or a new key, if it has none). */
  public static Arbitrary<Object> withUnstorableText(Supplier<Map<String, Object>> valid) {
    return Arbitraries.integers().between(0, 1_000).flatMap(pick -> Arbitraries.of("\u0000", "\ud800", "\udfff")
        .map(bad -> {
          Map<String, Object> tree = valid.get();
          List<Runnable> places = new ArrayList<>();
          collectPlaces(tree, bad, places);
          places.get(pick % places.size()).run();
          return (Object) tree;
        }));
  }

  @SuppressWarnings("unchecked")
  private static void collectPlaces(Object node, String bad, List<Runnable> places) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> object = (Map<String, Object>) map;
      places.add(() -> object.put("x" + bad, 1));
      for (String key : List.copyOf(object.keySet())) {
        Object value = object.get(key);
        if (value instanceof String text) {
          places.add(() -> object.put(key, text.substring(0, text.length() / 2) + bad + text.substring(text.length() / 2)));
        }
        collectPlaces(value, bad, places);
      }
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        collectPlaces(item, bad, places);
      }
    }
  }

  /** The tree with one key set to a value drawn from {@code values}; a path goes down through objects. */
  @SuppressWarnings("unchecked")
  public static Arbitrary<Object> replacing(Supplier<Map<String, Object>> valid, Arbitrary<?> values, String... path) {
    return values.map(value -> {
      Map<String, Object> tree = valid.get();
      Map<String, Object> parent = tree;
      for (int i = 0; i < path.length - 1; i++) {
        Object next = parent.get(path[i]);
        parent = next instanceof List<?> list ? (Map<String, Object>) list.get(0) : (Map<String, Object>) next;
      }
      parent.put(path[path.length - 1], value);
      return tree;
    });
  }

  /** Bodies no route takes: other content types, truncated JSON, non-objects, random bytes. */
  public static Arbitrary<Body> malformed(Supplier<Map<String, Object>> valid, List<String> keys) {
    String text = render(valid.get());
    return Arbitraries.oneOf(
        Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "text/json",
                "application/json; charset=utf-16")
            .map(type -> new Body(type, Buffer.buffer(text))),
        Arbitraries.just(new Body(null, Buffer.buffer(text))),
        Arbitraries.integers().between(1, text.length() - 1)
            .map(cut -> new Body("application/json", Buffer.buffer(text.substring(0, cut)))),
        values(keys).filter(value -> !(value instanceof Map)).map(Body::json),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64)
            .map(bytes -> new Body("application/json", Buffer.buffer(bytes))));
  }

  /** Random objects that lack {@code required}, so that no route can take them whatever else they hold. */
  @SuppressWarnings("unchecked")
  public static Arbitrary<Body> objectsWithout(String required, List<String> keys) {
    return values(keys).filter(value -> value instanceof Map).map(value -> {
      Map<String, Object> object = (Map<String, Object>) value;
      object.remove(required);
      return Body.json(object);
    });
  }

  /** A refusal as every route must give one: a 4xx problem+json with a stable type. */
  public static void assertRefused(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(400, 499);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).startsWith("/problems/");
    assertThat(problem.getInteger("status")).isEqualTo(response.statusCode());
  }
}
