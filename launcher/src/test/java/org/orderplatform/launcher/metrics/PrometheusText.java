package org.orderplatform.launcher.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The samples of a scrape in the Prometheus text exposition format (0.0.4, and the OpenMetrics
 * text that differs from it only in what a test here ignores: comments, {@code # EOF}). The Java
 * client ships writers of the format, no reader, so this is a small strict one: a line it cannot
 * read fails the test instead of being skipped.
 */
public final class PrometheusText {

  /** One sample line: {@code name{label="value",…} value [timestamp]}. */
  public record Sample(String name, Map<String, String> labels, double value) {
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      try {
        samples.add(new LineReader(trimmed).sample());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + number + ": " + e.getMessage() + ": " + line, e);
      }
    }
    return new PrometheusText(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** Every sample name (series name with its suffix: {@code _total}, {@code _bucket}, …). */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  public List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The sum of the samples of {@code name} whose labels pass {@code labels}. */
  public double sum(String name, Predicate<Map<String, String>> labels) {
    return samples(name).stream().filter(s -> labels.test(s.labels())).mapToDouble(Sample::value).sum();
  }

  public double sum(String name) {
    return sum(name, labels -> true);
  }

  /** The one sample of {@code name} with exactly these label values among its labels; fails when none. */
  public double value(String name, Map<String, String> labels) {
    List<Sample> found = samples(name).stream()
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one sample " + name + labels + ", found " + found);
    }
    return found.get(0).value();
  }

  /** Reads one sample line, character by character. */
  private static final class LineReader {
    private final String line;
    private int at;

    LineReader(String line) {
      this.line = line;
    }

    Sample sample() {
      String name = name();
      Map<String, String> labels = new LinkedHashMap<>();
      if (peek() == '{') {
        at++;
        labels(labels);
      }
      skipSpaces(true);
      int start = at;
      while (at < line.length() && line.charAt(at) != ' ') {
        at++;
      }
      double value = number(line.substring(start, at));
      skipSpaces(false);
      if (at < line.length()) {
        // An optional timestamp (milliseconds), then nothing.
        String timestamp = line.substring(at).strip();
        if (!timestamp.matches("-?[0-9]+(\\.[0-9]+)?")) {
          throw new IllegalArgumentException("unexpected '" + timestamp + "' after the value");
        }
      }
      return new Sample(name, labels, value);
    }

    private String name() {
      int start = at;
      while (at < line.length() && isNameChar(line.charAt(at), at == start)) {
        at++;
      }
      if (at == start) {
        throw new IllegalArgumentException("no metric name");
      }
      return line.substring(start, at);
    }

    private void labels(Map<String, String> labels) {
      while (true) {
        skipSpaces(false);
        if (peek() == '}') {
          at++;
          return;
        }
        String label = name();
        skipSpaces(false);
        expect('=');
        skipSpaces(false);
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
          if (at >= line.length()) {
            throw new IllegalArgumentException("unterminated value of label " + label);
          }
          char c = line.charAt(at++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            if (at >= line.length()) {
              throw new IllegalArgumentException("dangling escape in label " + label);
            }
            char escaped = line.charAt(at++);
            switch (escaped) {
              case 'n' -> value.append('\n');
              case '\\' -> value.append('\\');
              case '"' -> value.append('"');
              default -> throw new IllegalArgumentException("unknown escape \\" + escaped + " in label " + label);
            }
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null) {
          throw new IllegalArgumentException("label " + label + " twice");
        }
        skipSpaces(false);
        if (peek() == ',') {
          at++;
        } else if (peek() != '}') {
          throw new IllegalArgumentException("expected ',' or '}' after label " + label);
        }
      }
    }

    private static double number(String text) {
      return switch (text) {
        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> {
          try {
            yield Double.parseDouble(text);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a value: '" + text + "'");
          }
        }
      };
    }

    private static boolean isNameChar(char c, boolean first) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
    }

    private char peek() {
      return at < line.length() ? line.charAt(at) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + at);
      }
      at++;
    }

    private void skipSpaces(boolean required) {
      int start = at;
      while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
        at++;
      }
      if (required && at == start) {
        throw new IllegalArgumentException("expected a space before the value at " + at);
      }
    }
  }
}
