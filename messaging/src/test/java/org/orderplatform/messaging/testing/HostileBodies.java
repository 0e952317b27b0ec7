package org.orderplatform.messaging.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
      text = text.length() > 300 ? text.substring(0, 300) + "…" : text;
      // A raw NUL or other control in a failure message would be lost, or break the report's XML.
      StringBuilder shown = new StringBuilder();
      text.chars().forEach(c -> shown.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
      return contentType + ": " + shown;
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
  public static Gen<String> texts() {
    return Gen.oneOf(
        Gen.strings(Gen.charsOf("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), 0, 12),
        Gen.strings(Gen.charsBetween('\u0000', '\uffff'), 0, 12),
        Gen.of("", " ", "\u0000", "a\u0000b", "\ud800", "\udc00", "x\ud83d", "\ud83d\ude00", "B\u00e2timent"));
  }

  /** Numbers of every kind: small and whole, negative, past int and long, fractional, exponents. */
  public static Gen<Raw> numbers() {
    return Gen.oneOf(
        Gen.between(-5, 5).map(n -> new Raw(Integer.toString(n))),
        wholeNumbersFrom(BigInteger.valueOf(Integer.MAX_VALUE)),
        negative(wholeNumbersFrom(BigInteger.ONE)),
        fractions(),
        Gen.of(new Raw("1e400"), new Raw("-1e400"), new Raw("1e-400"), new Raw("1E3"), new Raw("-0"),
            new Raw("2147483648"), new Raw("9223372036854775808"), new Raw("18446744073709551616")));
  }

  /** Whole numbers from {@code low} (often {@code low} itself or just past it) up to forty-odd digits. */
  public static Gen<Raw> wholeNumbersFrom(BigInteger low) {
    return Gen.wholeNumbers(low, 40).map(n -> new Raw(n.toString()));
  }

  /** The numbers with a minus sign in front. */
  public static Gen<Raw> negative(Gen<Raw> numbers) {
    return numbers.map(n -> new Raw("-" + n.text()));
  }

  /** Numbers that are not whole, to a thousandth, from -10^6 to 10^6: 1.5, -0.25, 3.001… */
  public static Gen<Raw> fractions() {
    return Gen.oneOf(Gen.between(-999_999_999, 999_999_999), Gen.between(-5_000, 5_000))
        .map(thousandths -> BigDecimal.valueOf(thousandths, 3))
        .filter(d -> d.stripTrailingZeros().scale() > 0).map(d -> new Raw(d.toPlainString()));
  }

  /** Any JSON value up to three levels deep, its object keys drawn from {@code keys} and from random text. */
  public static Gen<Object> values(List<String> keys) {
    return values(keys, 3);
  }

  private static Gen<Object> values(List<String> keys, int depth) {
    Gen<Object> scalars = Gen.oneOf(texts(), numbers(), Gen.of(true, false), Gen.just(null));
    if (depth == 0) {
      return scalars;
    }
    Gen<Object> inner = values(keys, depth - 1);
    Gen<String> names = Gen.oneOf(Gen.of(keys.toArray(String[]::new)), texts());
    Gen<Object> lists = inner.list(4).map(list -> (Object) new ArrayList<>(list));
    Gen<Object> objects = Gen.maps(names, inner, 5).map(map -> (Object) map);
    // Scalars, lists and objects in the proportions 3:1:2.
    return random -> switch (random.nextInt(6)) {
      case 0, 1, 2 -> scalars.next(random);
      case 3 -> lists.next(random);
      default -> objects.next(random);
    };
  }

  /** Any value that is not a JSON string (null aside: for some fields it means "absent"). */
  public static Gen<Object> notText() {
    return Gen.oneOf(numbers(), Gen.of(true, false), Gen.just(List.of("x")), Gen.just(Map.of("x", "y")));
  }

  /** Any value that is not a whole number a field could take: text, other kinds, fractions, numbers too big for a long. */
  public static Gen<Object> notWholeNumber() {
    return Gen.oneOf(texts(), fractions(), wholeNumbersFrom(BigInteger.TWO.pow(63)),
        Gen.of(true, false), Gen.of(new Raw("1e400"), new Raw("1.0"), new Raw("1E2")),
        Gen.just(List.of(1)), Gen.just(Map.of("n", 1)));
  }

  /** The tree with a NUL, or a lone surrogate, put into one of its keys or strings (or a new key, if it has none). */
  public static Gen<Object> withUnstorableText(Supplier<Map<String, Object>> valid) {
    Gen<String> bads = Gen.of("\u0000", "\ud800", "\udfff");
    return random -> {
      String bad = bads.next(random);
      Map<String, Object> tree = valid.get();
      List<Runnable> places = new ArrayList<>();
      collectPlaces(tree, bad, places);
      places.get(random.nextInt(places.size())).run();
      return tree;
    };
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
  public static Gen<Object> replacing(Supplier<Map<String, Object>> valid, Gen<?> values, String... path) {
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
  public static Gen<Body> malformed(Supplier<Map<String, Object>> valid, List<String> keys) {
    String text = render(valid.get());
    return Gen.oneOf(
        Gen.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "text/json",
                "application/json; charset=utf-16")
            .map(type -> new Body(type, Buffer.buffer(text))),
        Gen.just(new Body(null, Buffer.buffer(text))),
        Gen.between(1, text.length() - 1)
            .map(cut -> new Body("application/json", Buffer.buffer(text.substring(0, cut)))),
        values(keys).filter(value -> !(value instanceof Map)).map(Body::json),
        Gen.bytes(1, 64).map(bytes -> new Body("application/json", Buffer.buffer(bytes))));
  }

  /** Random objects that lack {@code required}, so that no route can take them whatever else they hold. */
  @SuppressWarnings("unchecked")
  public static Gen<Body> objectsWithout(String required, List<String> keys) {
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
