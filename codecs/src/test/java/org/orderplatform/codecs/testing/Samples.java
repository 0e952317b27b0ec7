package org.orderplatform.codecs.testing;

import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EventTypes;
import org.orderplatform.events.Address;
import org.orderplatform.events.DeliveryCommand;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.InventoryCommand;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.Message;
import org.orderplatform.events.Money;
import org.orderplatform.events.NotificationCommand;
import org.orderplatform.events.NotificationEvent;
import org.orderplatform.events.OrderCommand;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.OrderLine;
import org.orderplatform.events.PaymentCommand;
import org.orderplatform.events.PaymentEvent;
import org.orderplatform.events.RejectedLine;
import org.orderplatform.events.StockLine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One fully populated instance of every registered message record (optional fields set too), with
 * fixed ids and instants so their JSON is the same on every run. The fixtures under
 * {@code fixtures/<type>/v<current>.json} are exactly these samples; other modules use them through
 * the codecs test-jar.
 */
public final class Samples {

  public static final UUID ORDER_ID = UUID.fromString("6f1c2b1e-3d4a-4c5b-9e8f-0a1b2c3d4e5f");
  public static final UUID PAYMENT_ID = UUID.fromString("8a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d");
  public static final UUID DELIVERY_ID = UUID.fromString("1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a");
  public static final UUID NOTIFICATION_ID = UUID.fromString("2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b");
  public static final UUID CORRELATION_ID = UUID.fromString("3f4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b7c");
  public static final UUID CAUSATION_ID = UUID.fromString("4a5b6c7d-8e9f-4a0b-9c2d-3e4f5a6b7c8d");
  public static final Instant OCCURRED_AT = Instant.parse("2024-05-17T09:30:00.123Z");
  public static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  public static final String CUSTOMER_ID = "customer-42";
  public static final String SKU = "SKU-RED-MUG";
  public static final String PAYMENT_TOKEN = OrderEvent.OrderPlaced.DEFAULT_PAYMENT_TOKEN;
  public static final String OTHER_SKU = "SKU-BLUE-PLATE";

  public static final Address ADDRESS = new Address("12 Rue de la Paix", "Bâtiment B", "75002", "Paris", "FR");
  public static final Money UNIT_PRICE = new Money(1250, "EUR");
  public static final Money OTHER_UNIT_PRICE = new Money(899, "EUR");
  public static final Money TOTAL = new Money(2 * 1250 + 899, "EUR");
  public static final List<OrderLine> ORDER_LINES =
      List.of(new OrderLine(SKU, 2, UNIT_PRICE), new OrderLine(OTHER_SKU, 1, OTHER_UNIT_PRICE));
  public static final List<StockLine> STOCK_LINES = List.of(new StockLine(SKU, 2), new StockLine(OTHER_SKU, 1));
  public static final List<RejectedLine> REJECTED_LINES =
      List.of(new RejectedLine(SKU, 2, 1), new RejectedLine(OTHER_SKU, 1, 0));

  public static final OrderEvent.OrderPlaced ORDER_PLACED =
      new OrderEvent.OrderPlaced(ORDER_ID, CUSTOMER_ID, ORDER_LINES, TOTAL, ADDRESS, PAYMENT_TOKEN);
  public static final OrderEvent.OrderReserved ORDER_RESERVED = new OrderEvent.OrderReserved(ORDER_ID);
  public static final OrderEvent.OrderRejected ORDER_REJECTED =
      new OrderEvent.OrderRejected(ORDER_ID, "out of stock", REJECTED_LINES);
  public static final OrderEvent.PaymentRequested PAYMENT_REQUESTED =
      new OrderEvent.PaymentRequested(ORDER_ID, PAYMENT_ID, TOTAL, PAYMENT_TOKEN);
  public static final OrderEvent.StockReleaseRequested STOCK_RELEASE_REQUESTED =
      new OrderEvent.StockReleaseRequested(ORDER_ID, "payment declined: insufficient funds");
  public static final OrderEvent.RefundRequested REFUND_REQUESTED =
      new OrderEvent.RefundRequested(ORDER_ID, PAYMENT_ID, TOTAL, "authorised after the order was cancelled");
  public static final OrderEvent.OrderRefunded ORDER_REFUNDED = new OrderEvent.OrderRefunded(ORDER_ID, PAYMENT_ID, TOTAL);
  public static final OrderEvent.OrderConfirmed ORDER_CONFIRMED = new OrderEvent.OrderConfirmed(ORDER_ID);
  public static final OrderEvent.OrderCancellationRequested ORDER_CANCELLATION_REQUESTED =
      new OrderEvent.OrderCancellationRequested(ORDER_ID, "customer changed their mind");
  public static final OrderEvent.OrderCancelled ORDER_CANCELLED =
      new OrderEvent.OrderCancelled(ORDER_ID, "customer changed their mind");
  public static final OrderEvent.OrderCompleted ORDER_COMPLETED = new OrderEvent.OrderCompleted(ORDER_ID);
  public static final OrderEvent.OrderStepTimedOut ORDER_STEP_TIMED_OUT =
      new OrderEvent.OrderStepTimedOut(ORDER_ID, "payment");

  public static final InventoryEvent.ProductAdded PRODUCT_ADDED =
      new InventoryEvent.ProductAdded(SKU, "Red mug", UNIT_PRICE, 100);
  public static final InventoryEvent.StockRestocked STOCK_RESTOCKED = new InventoryEvent.StockRestocked(SKU, 25);
  public static final InventoryEvent.StockReserved STOCK_RESERVED =
      new InventoryEvent.StockReserved(ORDER_ID, STOCK_LINES);
  public static final InventoryEvent.StockRejected STOCK_REJECTED =
      new InventoryEvent.StockRejected(ORDER_ID, REJECTED_LINES);
  public static final InventoryEvent.StockReleased STOCK_RELEASED =
      new InventoryEvent.StockReleased(ORDER_ID, STOCK_LINES, "payment declined");

  public static final PaymentEvent.PaymentAuthorized PAYMENT_AUTHORIZED =
      new PaymentEvent.PaymentAuthorized(ORDER_ID, PAYMENT_ID, TOTAL, "psp-ref-0001");
  public static final PaymentEvent.PaymentDeclined PAYMENT_DECLINED =
      new PaymentEvent.PaymentDeclined(ORDER_ID, PAYMENT_ID, "insufficient funds");
  public static final PaymentEvent.PaymentUnavailable PAYMENT_UNAVAILABLE =
      new PaymentEvent.PaymentUnavailable(ORDER_ID, PAYMENT_ID, "circuit open");
  public static final PaymentEvent.PaymentRefunded PAYMENT_REFUNDED =
      new PaymentEvent.PaymentRefunded(ORDER_ID, PAYMENT_ID, TOTAL);

  public static final DeliveryEvent.DeliveryScheduled DELIVERY_SCHEDULED =
      new DeliveryEvent.DeliveryScheduled(ORDER_ID, DELIVERY_ID, ADDRESS, Instant.parse("2024-05-20T08:00:00Z"),
          "unassigned", "", java.time.LocalDate.parse("2024-05-20"));
  public static final DeliveryEvent.DeliveryFailed DELIVERY_FAILED =
      new DeliveryEvent.DeliveryFailed(ORDER_ID, DELIVERY_ID, "address not found");
  public static final DeliveryEvent.DeliveryCancellationRefused DELIVERY_CANCELLATION_REFUSED =
      new DeliveryEvent.DeliveryCancellationRefused(ORDER_ID, DELIVERY_ID, "already dispatched");
  public static final InventoryEvent.StockShipped STOCK_SHIPPED = new InventoryEvent.StockShipped(ORDER_ID, STOCK_LINES);
  public static final OrderEvent.DeliveryRequested DELIVERY_REQUESTED =
      new OrderEvent.DeliveryRequested(ORDER_ID, CUSTOMER_ID, ADDRESS, STOCK_LINES);
  public static final OrderEvent.DeliveryCancellationRequested DELIVERY_CANCELLATION_REQUESTED =
      new OrderEvent.DeliveryCancellationRequested(ORDER_ID, "customer changed their mind");
  public static final OrderEvent.OrderShipmentScheduled ORDER_SHIPMENT_SCHEDULED =
      new OrderEvent.OrderShipmentScheduled(ORDER_ID, DELIVERY_ID);
  public static final OrderEvent.OrderDispatched ORDER_DISPATCHED = new OrderEvent.OrderDispatched(ORDER_ID, DELIVERY_ID);
  public static final OrderEvent.OrderDelivered ORDER_DELIVERED = new OrderEvent.OrderDelivered(ORDER_ID, DELIVERY_ID);
  public static final OrderEvent.OrderDeliveryFailed ORDER_DELIVERY_FAILED =
      new OrderEvent.OrderDeliveryFailed(ORDER_ID, DELIVERY_ID, "address not found");
  public static final DeliveryEvent.DeliveryDispatched DELIVERY_DISPATCHED =
      new DeliveryEvent.DeliveryDispatched(ORDER_ID, DELIVERY_ID, "TRACK-123456");
  public static final DeliveryEvent.DeliveryCompleted DELIVERY_COMPLETED =
      new DeliveryEvent.DeliveryCompleted(ORDER_ID, DELIVERY_ID, Instant.parse("2024-05-21T14:45:10Z"));
  public static final DeliveryEvent.DeliveryCancelled DELIVERY_CANCELLED =
      new DeliveryEvent.DeliveryCancelled(ORDER_ID, DELIVERY_ID, "order cancelled");

  public static final NotificationEvent.CustomerNotified CUSTOMER_NOTIFIED =
      new NotificationEvent.CustomerNotified(ORDER_ID, NOTIFICATION_ID, "email", "order-confirmed");
  public static final NotificationEvent.NotificationFailed NOTIFICATION_FAILED =
      new NotificationEvent.NotificationFailed(ORDER_ID, NOTIFICATION_ID, "sms", "number unreachable");

  public static final OrderCommand.PlaceOrder PLACE_ORDER =
      new OrderCommand.PlaceOrder(ORDER_ID, CUSTOMER_ID, STOCK_LINES, ADDRESS, PAYMENT_TOKEN);
  public static final OrderCommand.CancelOrder CANCEL_ORDER =
      new OrderCommand.CancelOrder(ORDER_ID, "customer changed their mind");
  public static final InventoryCommand.ReserveStock RESERVE_STOCK =
      new InventoryCommand.ReserveStock(ORDER_ID, STOCK_LINES);
  public static final InventoryCommand.ReleaseStock RELEASE_STOCK =
      new InventoryCommand.ReleaseStock(ORDER_ID, "payment declined");
  public static final PaymentCommand.AuthorizePayment AUTHORIZE_PAYMENT =
      new PaymentCommand.AuthorizePayment(ORDER_ID, PAYMENT_ID, CUSTOMER_ID, TOTAL);
  public static final PaymentCommand.RefundPayment REFUND_PAYMENT =
      new PaymentCommand.RefundPayment(ORDER_ID, PAYMENT_ID, TOTAL, "order cancelled");
  public static final DeliveryCommand.ScheduleDelivery SCHEDULE_DELIVERY =
      new DeliveryCommand.ScheduleDelivery(ORDER_ID, DELIVERY_ID, ADDRESS, STOCK_LINES);
  public static final DeliveryCommand.CancelDelivery CANCEL_DELIVERY =
      new DeliveryCommand.CancelDelivery(ORDER_ID, "order cancelled");
  public static final NotificationCommand.NotifyCustomer NOTIFY_CUSTOMER =
      new NotificationCommand.NotifyCustomer(ORDER_ID, CUSTOMER_ID, "order-confirmed", "Your order is confirmed.");

  private static final List<Message> ALL = List.of(
      ORDER_PLACED, ORDER_RESERVED, ORDER_REJECTED, PAYMENT_REQUESTED, STOCK_RELEASE_REQUESTED, REFUND_REQUESTED,
      ORDER_REFUNDED, ORDER_CONFIRMED, ORDER_CANCELLATION_REQUESTED,
      ORDER_CANCELLED, ORDER_COMPLETED, ORDER_STEP_TIMED_OUT, DELIVERY_REQUESTED, DELIVERY_CANCELLATION_REQUESTED,
      ORDER_SHIPMENT_SCHEDULED, ORDER_DISPATCHED, ORDER_DELIVERED, ORDER_DELIVERY_FAILED,
      PRODUCT_ADDED, STOCK_RESTOCKED, STOCK_RESERVED, STOCK_REJECTED, STOCK_RELEASED, STOCK_SHIPPED,
      PAYMENT_AUTHORIZED, PAYMENT_DECLINED, PAYMENT_UNAVAILABLE, PAYMENT_REFUNDED,
      DELIVERY_SCHEDULED, DELIVERY_DISPATCHED, DELIVERY_COMPLETED, DELIVERY_CANCELLED, DELIVERY_FAILED,
      DELIVERY_CANCELLATION_REFUSED,
      CUSTOMER_NOTIFIED, NOTIFICATION_FAILED,
      PLACE_ORDER, CANCEL_ORDER, RESERVE_STOCK, RELEASE_STOCK, AUTHORIZE_PAYMENT, REFUND_PAYMENT,
      SCHEDULE_DELIVERY, CANCEL_DELIVERY, NOTIFY_CUSTOMER);

  private Samples() {
  }

  /** Every sample, one per registered record class, in the registry's order. */
  public static List<Message> all() {
    return ALL;
  }

  /** The sample of one record class. */
  public static <M extends Message> M of(Class<M> type) {
    return ALL.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no sample of " + type.getName()));
  }

  /**
   * A new (not yet positioned) envelope around the message, with every optional header set; the
   * event id is derived from the type name, so each sample gets its own stable id.
   */
  public static <M extends Message> Envelope<M> envelopeOf(M message) {
    String type = EventTypes.typeOf(message).name();
    UUID eventId = UUID.nameUUIDFromBytes(type.getBytes(StandardCharsets.UTF_8));
    return Envelope.of(message, eventId, OCCURRED_AT, CORRELATION_ID, CAUSATION_ID, TRACEPARENT);
  }
}
