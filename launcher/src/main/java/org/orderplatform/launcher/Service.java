package org.orderplatform.launcher;

import org.orderplatform.delivery.DeliveryModule;
import org.orderplatform.inventory.InventoryModule;
import org.orderplatform.notification.NotificationModule;
import org.orderplatform.order.OrderModule;
import org.orderplatform.payment.PaymentModule;
import org.orderplatform.payment.simulator.ProviderSimulatorModule;
import org.orderplatform.runtime.ServiceModule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The services a JVM can run, as named by {@code --services=} ({@code payment-provider} for
 * {@code PAYMENT_PROVIDER}). Every one runs by default, the provider simulator included, so the
 * payment service has a provider out of the box.
 */
public enum Service {
  ORDER(OrderModule.SCHEMA, OrderModule::new),
  INVENTORY(InventoryModule.SCHEMA, InventoryModule::new),
  PAYMENT(PaymentModule.SCHEMA, PaymentModule::new),
  PAYMENT_PROVIDER(ProviderSimulatorModule.SCHEMA, ProviderSimulatorModule::new),
  DELIVERY(DeliveryModule.SCHEMA, DeliveryModule::new),
  NOTIFICATION(NotificationModule.SCHEMA, NotificationModule::new);

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
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code ORDER_PG_URL} and friends: lets one service move to its own database later. */
  public String urlVariable() {
    return name() + "_PG_URL";
  }

  public static Service parse(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name.trim() + "'; known: " + known()));
  }

  public static String known() {
    return Arrays.stream(values()).map(Service::flagName).collect(Collectors.joining(","));
  }
}
