package org.orderplatform.launcher.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a PromQL parser: it drops what cannot name a
 * metric (strings, label matchers in braces, ranges in brackets, the label lists of {@code by},
 * {@code without}, {@code on}, {@code ignoring}, {@code group_left}, {@code group_right}), then
 * takes every identifier that is not a function call, a keyword or a number.
 */
public final class PromQlNames {

  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LISTS = Pattern.compile(
      "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "and", "or", "unless", "offset", "inf", "nan");

  private PromQlNames() {
  }

  public static Set<String> of(String expression) {
    String rest = STRINGS.matcher(expression).replaceAll(" ");
    rest = MATCHERS.matcher(rest).replaceAll(" ");
    rest = RANGES.matcher(rest).replaceAll(" ");
    rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher identifiers = IDENTIFIER.matcher(rest);
    while (identifiers.find()) {
      String identifier = identifiers.group(1);
      boolean call = identifiers.group(2) != null;
      if (!call && !KEYWORDS.contains(identifier.toLowerCase())) {
        names.add(identifier);
      }
    }
    return names;
  }
}
