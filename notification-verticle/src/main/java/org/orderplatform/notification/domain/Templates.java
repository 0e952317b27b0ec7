package org.orderplatform.notification.domain;

import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.Event;
import org.orderplatform.events.OrderEvent;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One template per topic; placeholders in braces ({@code {orderId}}, {@code {reason}},
 * {@code {trackingNumber}}, {@code {deliveredAt}}) are filled from the event. Pure: the same event
 * always renders to the same text, so a retried send says what the first attempt said.
 */
public final class Templates {

  private record Template(String subject, String text) {
  }

  private static final Map<Topic, Template> TEMPLATES = Map.of(
      Topic.CONFIRMED, new Template("Your order {orderId} is confirmed",
          "Good news: your order {orderId} is confirmed. We will tell you when it is on its way."),
      Topic.REJECTED, new Template("Your order {orderId} could not be accepted",
          "We are sorry: your order {orderId} could not be accepted ({reason}). You have not been charged."),
      Topic.CANCELLED, new Template("Your order {orderId} is cancelled",
          "Your order {orderId} is cancelled ({reason}). Anything you were charged is refunded."),
      Topic.DISPATCHED, new Template("Your order {orderId} is on its way",
          "Your order {orderId} has left our warehouse. Tracking number: {trackingNumber}."),
      Topic.DELIVERED, new Template("Your order {orderId} was delivered",
          "Your order {orderId} was delivered at {deliveredAt}. Thank you for shopping with us."));

  private Templates() {
  }

  /** The message for an event this service notifies about; empty for any other event. */
  public static Optional<Rendered> render(Event event) {
    if (event instanceof OrderEvent.OrderConfirmed confirmed) {
      return Optional.of(fill(Topic.CONFIRMED, Map.of("orderId", confirmed.orderId().toString())));
    }
    if (event instanceof OrderEvent.OrderRejected rejected) {
      return Optional.of(fill(Topic.REJECTED, Map.of("orderId", rejected.orderId().toString(),
          "reason", rejectionReason(rejected))));
    }
    if (event instanceof OrderEvent.OrderCancelled cancelled) {
      return Optional.of(fill(Topic.CANCELLED, Map.of("orderId", cancelled.orderId().toString(),
          "reason", cancelled.reason())));
    }
    if (event instanceof DeliveryEvent.DeliveryDispatched dispatched) {
      return Optional.of(fill(Topic.DISPATCHED, Map.of("orderId", dispatched.orderId().toString(),
          "trackingNumber", dispatched.trackingNumber())));
    }
    if (event instanceof DeliveryEvent.DeliveryCompleted completed) {
      return Optional.of(fill(Topic.DELIVERED, Map.of("orderId", completed.orderId().toString(),
          "deliveredAt", completed.deliveredAt().toString())));
    }
    return Optional.empty();
  }

  private static String rejectionReason(OrderEvent.OrderRejected rejected) {
    if (rejected.rejectedLines().isEmpty()) {
      return rejected.reason();
    }
    return rejected.reason() + "; not enough stock of " + rejected.rejectedLines().stream()
        .map(line -> line.sku() + " (" + line.available() + " of " + line.requested() + ")")
        .collect(Collectors.joining(", "));
  }

  // One pass over the template, so a value holding "{orderId}" is never filled in again.
  private static Rendered fill(Topic topic, Map<String, String> values) {
    Template template = TEMPLATES.get(topic);
    return new Rendered(topic, fill(template.subject(), values), fill(template.text(), values));
  }

  private static String fill(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf('{', at);
      int close = open < 0 ? -1 : template.indexOf('}', open);
      if (close < 0) {
        out.append(template, at, template.length());
        break;
      }
      String value = values.get(template.substring(open + 1, close));
      if (value == null) {
        throw new IllegalStateException("no value for " + template.substring(open, close + 1));
      }
      out.append(template, at, open).append(value);
      at = close + 1;
    }
    return out.toString();
  }
}
