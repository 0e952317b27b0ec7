package org.orderplatform.order.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.messaging.log.EventStreams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /orders/{id}/history}: every event about the order, the order's own (with their
 * version) and its participants' replies, each with the saga steps it drove: the order's events
 * that name it as their cause.
 */
final class HistoryView {

  private static final Map<String, String> STEPS = Map.ofEntries(
      Map.entry("order.placed", "placed"),
      Map.entry("order.reserved", "stock reserved"),
      Map.entry("order.rejected", "rejected"),
      Map.entry("order.payment-requested", "payment requested"),
      Map.entry("order.confirmed", "confirmed"),
      Map.entry("order.step-timed-out", "step timed out"),
      Map.entry("order.stock-release-requested", "compensation: release stock"),
      Map.entry("order.refund-requested", "compensation: refund payment"),
      Map.entry("order.refunded", "refund recorded"),
      Map.entry("order.cancellation-requested", "cancellation requested"),
      Map.entry("order.cancelled", "cancelled"),
      Map.entry("order.completed", "completed"),
      Map.entry("order.delivery-requested", "delivery requested"),
      Map.entry("order.delivery-cancellation-requested", "compensation: cancel shipment"),
      Map.entry("order.shipment-scheduled", "shipment scheduled"),
      Map.entry("order.dispatched", "dispatched"),
      Map.entry("order.delivered", "delivered"),
      Map.entry("order.delivery-failed", "delivery failed"));

  private HistoryView() {
  }

  static JsonObject toJson(UUID orderId, List<EventStreams.Versioned> events) {
    Map<UUID, List<String>> drove = new HashMap<>();
    for (EventStreams.Versioned event : events) {
      Envelope<?> e = event.envelope();
      if (e.causationId() != null && STEPS.containsKey(e.type())) {
        drove.computeIfAbsent(e.causationId(), id -> new ArrayList<>()).add(STEPS.get(e.type()));
      }
    }
    JsonArray rows = new JsonArray();
    for (EventStreams.Versioned event : events) {
      Envelope<?> e = event.envelope();
      rows.add(new JsonObject()
          .put("type", e.type())
          .put("version", event.version())
          .put("position", e.position())
          .put("occurredAt", e.occurredAt().toString())
          .put("eventId", e.eventId().toString())
          .put("causationId", e.causationId() == null ? null : e.causationId().toString())
          .put("step", STEPS.get(e.type()))
          .put("drove", new JsonArray(drove.getOrDefault(e.eventId(), List.of()))));
    }
    return new JsonObject().put("orderId", orderId.toString()).put("events", rows);
  }
}
