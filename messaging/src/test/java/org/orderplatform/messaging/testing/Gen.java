package org.orderplatform.messaging.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator for property tests: draws a value from a seeded {@link Random}, so that a seed
 * replays every value a property was given (see {@link Tries}).
 */
@FunctionalInterface
public interface Gen<T> {

  T next(Random random);

  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return random -> f.apply(next(random));
  }

  /** Draws again until a value passes: for filters that keep a good share of what they see. */
  default Gen<T> filter(Predicate<? super T> keep) {
    return random -> {
      for (int drawn = 0; drawn < 10_000; drawn++) {
        T value = next(random);
        if (keep.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException("the filter kept none of 10000 values");
    };
  }

  /** Lists of up to {@code maxSize} values. */
  default Gen<List<T>> list(int maxSize) {
    return random -> {
      int size = random.nextInt(maxSize + 1);
      List<T> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        list.add(next(random));
      }
      return list;
    };
  }

  static <T> Gen<T> just(T value) {
    return random -> value;
  }

  /** One of the values, each as likely (null is allowed). */
  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    List<T> list = Arrays.asList(values.clone());
    return random -> list.get(random.nextInt(list.size()));
  }

  /** A value from one of the generators, each as likely. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> list = List.of(gens);
    return random -> list.get(random.nextInt(list.size())).next(random);
  }

  /** An int from {@code low} to {@code high}, both included. */
  static Gen<Integer> between(int low, int high) {
    return random -> low + random.nextInt(high - low + 1);
  }

  /**
   * A whole number from {@code low} up to {@code low + 10^maxDigits}, its size spread evenly over
   * the digit counts (so numbers just past a bound come up as often as forty-digit ones), and
   * {@code low} itself, the edge, about once in {@code maxDigits + 1} draws.
   */
  static Gen<BigInteger> wholeNumbers(BigInteger low, int maxDigits) {
    return random -> {
      BigInteger span = BigInteger.TEN.pow(random.nextInt(maxDigits + 1));
      return low.add(new BigInteger(span.bitLength() + 16, random).mod(span));
    };
  }

  /** A char from {@code from} to {@code to}, both included. */
  static Gen<Character> charsBetween(char from, char to) {
    return random -> (char) (from + random.nextInt(to - from + 1));
  }

  /** A char of the alphabet. */
  static Gen<Character> charsOf(String alphabet) {
    return random -> alphabet.charAt(random.nextInt(alphabet.length()));
  }

  /** Strings of {@code minLength} to {@code maxLength} chars. */
  static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
    return random -> {
      StringBuilder text = new StringBuilder();
      for (int length = minLength + random.nextInt(maxLength - minLength + 1); length > 0; length--) {
        text.append(chars.next(random).charValue());
      }
      return text.toString();
    };
  }

  /** Objects of up to {@code maxSize} entries (fewer if a name comes twice), in the order drawn. */
  static <V> Gen<Map<String, V>> maps(Gen<String> names, Gen<? extends V> values, int maxSize) {
    return random -> {
      int size = random.nextInt(maxSize + 1);
      Map<String, V> map = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        map.put(names.next(random), values.next(random));
      }
      return map;
    };
  }

  /** Byte arrays of {@code minSize} to {@code maxSize} bytes, any byte. */
  static Gen<byte[]> bytes(int minSize, int maxSize) {
    return random -> {
      byte[] bytes = new byte[minSize + random.nextInt(maxSize - minSize + 1)];
      random.nextBytes(bytes);
      return bytes;
    };
  }
}
