package org.orderplatform.codecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/** The compact JSON wire form of an envelope, length-prefixed inside the bus frame. */
final class EnvelopeWire {

  private EnvelopeWire() {
  }

  static ObjectNode toTree(Envelope<?> e) {
    ObjectNode node = EventJson.mapper().createObjectNode();
    node.put("eventId", e.eventId().toString());
    node.put("type", e.type());
    node.put("version", e.version());
    node.put("aggregateId", e.aggregateId());
    if (e.position() != null) {
      node.put("position", e.position());
    }
    node.put("occurredAt", e.occurredAt().toString());
    node.put("correlationId", e.correlationId().toString());
    if (e.causationId() != null) {
      node.put("causationId", e.causationId().toString());
    }
    if (e.traceparent() != null) {
      node.put("traceparent", e.traceparent());
    }
    node.set("payload", EventTypes.encodeTree(e.payload()));
    return node;
  }

  /** An {@link Envelope}, or an {@link UndecodableEnvelope} saying why not; never throws. */
  static Object fromTree(JsonNode node) {
    String type = node.path("type").asText(null);
    int version = node.path("version").asInt(0);
    UUID eventId = null;
    try {
      eventId = UUID.fromString(node.path("eventId").asText());
      DecodeResult result = EventTypes.decode(type, version, node.get("payload"));
      if (result instanceof DecodeResult.Decoded decoded) {
        JsonNode position = node.get("position");
        JsonNode causation = node.get("causationId");
        JsonNode traceparent = node.get("traceparent");
        EventType current = EventTypes.typeOf(decoded.message());
        // The aggregate is the payload's own, not whatever the sender wrote beside it.
        return new Envelope<>(eventId, current.name(), current.version(), decoded.message().aggregateId(),
            position == null ? null : position.asLong(), Instant.parse(node.path("occurredAt").asText()),
            UUID.fromString(node.path("correlationId").asText()),
            causation == null ? null : UUID.fromString(causation.asText()),
            traceparent == null ? null : traceparent.asText(), decoded.message());
      }
      if (result instanceof DecodeResult.UnknownType unknown) {
        return new UndecodableEnvelope(eventId, type, version, "unknown type " + unknown.name() + " v" + unknown.version());
      }
      return new UndecodableEnvelope(eventId, type, version, ((DecodeResult.Malformed) result).reason());
    } catch (RuntimeException e) {
      return new UndecodableEnvelope(eventId, type, version, "bad envelope: " + e);
    }
  }

  static void write(Buffer buffer, JsonNode tree) {
    byte[] bytes;
    try {
      bytes = EventJson.mapper().writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write envelope JSON", e);
    }
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  static JsonNode read(int pos, Buffer buffer) throws IOException {
    int length = buffer.getInt(pos);
    return EventJson.mapper().readTree(buffer.getBytes(pos + 4, pos + 4 + length));
  }
}
