package org.orderplatform.notification.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.DeliveryEvent;
import org.orderplatform.events.InventoryEvent;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.events.RejectedLine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatesTest {

  private static final UUID ORDER = UUID.fromString("6f1c2a8e-0000-4000-8000-000000000001");

  private static Rendered render(org.orderplatform.events.Event event) {
    return Templates.render(event).orElseThrow();
  }

  @Test
  @DisplayName("a confirmed order renders the confirmed template with the order id in subject and text")
  void confirmed() {
    Rendered rendered = render(new OrderEvent.OrderConfirmed(ORDER));
    assertThat(rendered.topic()).isEqualTo(Topic.CONFIRMED);
    assertThat(rendered.subject()).isEqualTo("Your order " + ORDER + " is confirmed");
    assertThat(rendered.text()).contains(ORDER.toString()).contains("is confirmed").doesNotContain("{");
  }

  @Test
  @DisplayName("a rejected order says why, and which lines lacked stock")
  void rejected() {
    Rendered rendered = render(new OrderEvent.OrderRejected(ORDER, "insufficient stock",
        List.of(new RejectedLine("TEA-1", 3, 1))));
    assertThat(rendered.topic()).isEqualTo(Topic.REJECTED);
    assertThat(rendered.text()).contains(ORDER.toString()).contains("insufficient stock").contains("TEA-1 (1 of 3)")
        .contains("not been charged");
  }

  @Test
  @DisplayName("a cancelled order says why")
  void cancelled() {
    Rendered rendered = render(new OrderEvent.OrderCancelled(ORDER, "payment declined"));
    assertThat(rendered.topic()).isEqualTo(Topic.CANCELLED);
    assertThat(rendered.subject()).contains(ORDER.toString()).contains("cancelled");
    assertThat(rendered.text()).contains("(payment declined)");
  }

  @Test
  @DisplayName("a dispatched delivery gives the tracking number; a completed one the time it was delivered")
  void delivery() {
    Rendered dispatched = render(new DeliveryEvent.DeliveryDispatched(ORDER, UUID.randomUUID(), "TRK-42"));
    assertThat(dispatched.topic()).isEqualTo(Topic.DISPATCHED);
    assertThat(dispatched.text()).contains(ORDER.toString()).contains("Tracking number: TRK-42.");
    Rendered delivered = render(new DeliveryEvent.DeliveryCompleted(ORDER, UUID.randomUUID(),
        Instant.parse("2025-03-01T10:15:30Z")));
    assertThat(delivered.topic()).isEqualTo(Topic.DELIVERED);
    assertThat(delivered.text()).contains(ORDER.toString()).contains("2025-03-01T10:15:30Z");
  }

  @Test
  @DisplayName("a value that looks like a placeholder is written as it is, not filled in again")
  void valuesAreNotTemplates() {
    Rendered rendered = render(new OrderEvent.OrderCancelled(ORDER, "{orderId} {trackingNumber}"));
    assertThat(rendered.text()).contains("({orderId} {trackingNumber})");
  }

  @Test
  @DisplayName("every topic has a template, and events nobody is told about render nothing")
  void coverage() {
    assertThat(List.of(new OrderEvent.OrderConfirmed(ORDER), new OrderEvent.OrderRejected(ORDER, "r", List.of()),
            new OrderEvent.OrderCancelled(ORDER, "r"), new DeliveryEvent.DeliveryDispatched(ORDER, ORDER, "T"),
            new DeliveryEvent.DeliveryCompleted(ORDER, ORDER, Instant.EPOCH)).stream()
        .map(e -> render(e).topic())).containsExactly(Topic.values());
    assertThat(Templates.render(new InventoryEvent.ProductAdded("TEA-1", "Tea",
        new org.orderplatform.events.Money(100, "EUR"), 1))).isEmpty();
  }
}
