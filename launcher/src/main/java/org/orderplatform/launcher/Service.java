package org.orderplatform.launcher;

import org.orderplatform.inventory.InventoryModule;
import org.orderplatform.runtime.ServiceModule;
import org.orderplatform.order.OrderModule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The services a JVM can run, as named by {@code --services=}. */
public enum Service {
  ORDER(OrderModule.SCHEMA, OrderModule::new),
  INVENTORY(InventoryModule.SCHEMA, InventoryModule::new);

  private final String schema;
  private final ServiceModule.Factory factory;

  Service(String schema, ServiceModule.Factory factory) {
    this.schema = schema;
    this.factory = factory;
  }

  public String schema() {
    return schema;
  }

  /** The service's composition root. */
  public ServiceModule.Factory factory() {
    return factory;
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
