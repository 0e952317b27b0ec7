package org.orderplatform.codecs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.orderplatform.events.DeliveryCommand;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.InventoryCommand;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Message;
import org.orderplatform.events.NotificationCommand;
import org.orderplatform.events.NotificationEvent;
import org.orderplatform.events.OrderCommand;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.PaymentCommand;
import org.orderplatform.events.PaymentEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The registry: the only place that maps a type name and version to a Java record. A record's
 * current version is the highest; older versions reach it through {@link Upcasters}.
 */
public final class EventTypes {

  private static final Map<Class<? extends Message>, EventType> BY_CLASS = new LinkedHashMap<>();
  private static final Map<String, Class<? extends Message>> BY_NAME = new LinkedHashMap<>();

  static {
    register("order.placed", 3, OrderEvent.OrderPlaced.class);
    register("order.reserved", 1, OrderEvent.OrderReserved.class);
    register("order.rejected", 1, OrderEvent.OrderRejected.class);
    register("order.payment-requested", 2, OrderEvent.PaymentRequested.class);
    register("order.stock-release-requested", 1, OrderEvent.StockReleaseRequested.class);
    register("order.refund-requested", 1, OrderEvent.RefundRequested.class);
    register("order.refunded", 1, OrderEvent.OrderRefunded.class);
    register("order.confirmed", 1, OrderEvent.OrderConfirmed.class);
    register("order.cancellation-requested", 1, OrderEvent.OrderCancellationRequested.class);
    register("order.cancelled", 1, OrderEvent.OrderCancelled.class);
    register("order.completed", 1, OrderEvent.OrderCompleted.class);
    register("order.step-timed-out", 1, OrderEvent.OrderStepTimedOut.class);
    register("order.delivery-requested", 1, OrderEvent.DeliveryRequested.class);
    register("order.delivery-cancellation-requested", 1, OrderEvent.DeliveryCancellationRequested.class);
    register("order.shipment-scheduled", 1, OrderEvent.OrderShipmentScheduled.class);
    register("order.dispatched", 1, OrderEvent.OrderDispatched.class);
    register("order.delivered", 1, OrderEvent.OrderDelivered.class);
    register("order.delivery-failed", 1, OrderEvent.OrderDeliveryFailed.class);

    register("inventory.product-added", 1, InventoryEvent.ProductAdded.class);
    register("inventory.stock-restocked", 1, InventoryEvent.StockRestocked.class);
    register("inventory.stock-reserved", 1, InventoryEvent.StockReserved.class);
    register("inventory.stock-rejected", 1, InventoryEvent.StockRejected.class);
    register("inventory.stock-released", 1, InventoryEvent.StockReleased.class);
    register("inventory.stock-shipped", 1, InventoryEvent.StockShipped.class);

    register("payment.authorized", 1, PaymentEvent.PaymentAuthorized.class);
    register("payment.declined", 1, PaymentEvent.PaymentDeclined.class);
    register("payment.unavailable", 1, PaymentEvent.PaymentUnavailable.class);
    register("payment.refunded", 1, PaymentEvent.PaymentRefunded.class);

    register("delivery.scheduled", 2, DeliveryEvent.DeliveryScheduled.class);
    register("delivery.dispatched", 1, DeliveryEvent.DeliveryDispatched.class);
    register("delivery.completed", 1, DeliveryEvent.DeliveryCompleted.class);
    register("delivery.cancelled", 1, DeliveryEvent.DeliveryCancelled.class);
    register("delivery.failed", 1, DeliveryEvent.DeliveryFailed.class);
    register("delivery.cancellation-refused", 1, DeliveryEvent.DeliveryCancellationRefused.class);

    register("notification.customer-notified", 1, NotificationEvent.CustomerNotified.class);
    register("notification.failed", 1, NotificationEvent.NotificationFailed.class);

    register("order.place-order", 2, OrderCommand.PlaceOrder.class);
    register("order.cancel-order", 1, OrderCommand.CancelOrder.class);
    register("inventory.reserve-stock", 1, InventoryCommand.ReserveStock.class);
    register("inventory.release-stock", 1, InventoryCommand.ReleaseStock.class);
    register("payment.authorize-payment", 1, PaymentCommand.AuthorizePayment.class);
    register("payment.refund-payment", 1, PaymentCommand.RefundPayment.class);
    register("delivery.schedule-delivery", 1, DeliveryCommand.ScheduleDelivery.class);
    register("delivery.cancel-delivery", 1, DeliveryCommand.CancelDelivery.class);
    register("notification.notify-customer", 1, NotificationCommand.NotifyCustomer.class);
  }

  private EventTypes() {
  }

  private static void register(String name, int version, Class<? extends Message> type) {
    if (BY_NAME.put(name, type) != null || BY_CLASS.put(type, new EventType(name, version)) != null) {
      throw new IllegalStateException("registered twice: " + name + " / " + type.getName());
    }
  }

  /** The current name and version of a record class. */
  public static EventType typeOf(Class<? extends Message> type) {
    EventType eventType = BY_CLASS.get(type);
    if (eventType == null) {
      throw new IllegalArgumentException("not a registered message type: " + type.getName());
    }
    return eventType;
  }

  public static EventType typeOf(Message message) {
    return typeOf(message.getClass());
  }

  /** Every record class with its current type, in registration order. */
  public static Map<Class<? extends Message>, EventType> current() {
    return Collections.unmodifiableMap(BY_CLASS);
  }

  /** Every version of every type that was ever published, oldest first per type. */
  public static List<EventType> historicTypes() {
    List<EventType> all = new ArrayList<>();
    BY_CLASS.values().forEach(current -> {
      for (int v = 1; v <= current.version(); v++) {
        all.add(new EventType(current.name(), v));
      }
    });
    return all;
  }

  /** The payload as compact JSON, in the record's current version. */
  public static String encode(Message message) {
    typeOf(message);
    try {
      return EventJson.mapper().writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + message.getClass().getName(), e);
    }
  }

  public static JsonNode encodeTree(Message message) {
    typeOf(message);
    return EventJson.mapper().valueToTree(message);
  }

  public static DecodeResult decode(String name, int version, String json) {
    if (json == null) {
      return decode(name, version, (JsonNode) null);
    }
    JsonNode tree;
    try {
      tree = EventJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      return new DecodeResult.Malformed(name, version, "not JSON: " + e.getOriginalMessage());
    }
    return decode(name, version, tree);
  }

  /** Upcasts an older version step by step, then binds it to the current record. Never throws. */
  public static DecodeResult decode(String name, int version, JsonNode json) {
    Class<? extends Message> type = name == null ? null : BY_NAME.get(name);
    if (type == null || version < 1 || version > BY_CLASS.get(type).version()) {
      return new DecodeResult.UnknownType(name, version);
    }
    if (json == null || !json.isObject()) {
      return new DecodeResult.Malformed(name, version, "payload must be a JSON object");
    }
    int current = BY_CLASS.get(type).version();
    // Only an upcast needs its own copy; a current payload (every event of a live log) binds as read.
    ObjectNode tree = version == current ? (ObjectNode) json : ((ObjectNode) json).deepCopy();
    try {
      for (int v = version; v < current; v++) {
        UnaryOperator<ObjectNode> upcaster = Upcasters.ALL.get(new EventType(name, v));
        if (upcaster == null) {
          return new DecodeResult.UnknownType(name, version);
        }
        tree = upcaster.apply(tree);
      }
      return new DecodeResult.Decoded(EventJson.mapper().treeToValue(tree, type));
    } catch (JsonProcessingException | RuntimeException e) {
      return new DecodeResult.Malformed(name, version, reason(e));
    }
  }

  private static String reason(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root instanceof JsonProcessingException json ? json.getOriginalMessage() : root.getMessage();
    return root.getClass().getSimpleName() + ": " + message;
  }
}
