package org.orderplatform.launcher;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The services a JVM can run, as named by {@code --services=}. */
public enum Service {
  ORDER("orders"),
  INVENTORY("inventory");

  private final String schema;

  Service(String schema) {
    this.schema = schema;
  }

  public String schema() {
    return schema;
  }

  public String flagName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code ORDER_PG_URL} and friends: lets one service move to its own database later. */
  public String urlVariable() {
    return name() + "_PG_URL";
  }

  public static Service parse(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name.trim() + "'; known: " + known()));
  }

  public static String known() {
    return Arrays.stream(values()).map(Service::flagName).collect(Collectors.joining(","));
  }
}
