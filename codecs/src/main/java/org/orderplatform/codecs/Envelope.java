package org.orderplatform.codecs;

import org.orderplatform.events.Message;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A message with its metadata, as stored in the log and sent over the bus.
 *
 * @param position      the log position once sequenced; null before
 * @param correlationId shared by every message of one business flow (an order's whole saga)
 * @param causationId   the event this one reacts to; null for a flow's first message
 * @param traceparent   W3C trace context, so a trace follows the flow across services; may be null
 */
public record Envelope<P extends Message>(UUID eventId, String type, int version, String aggregateId, Long position,
                                          Instant occurredAt, UUID correlationId, UUID causationId,
                                          String traceparent, P payload) {

  public Envelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(payload, "payload");
  }

  /** A new, not yet stored envelope; type, version and aggregate come from the payload. */
  public static <P extends Message> Envelope<P> of(P payload, UUID eventId, Instant occurredAt, UUID correlationId,
                                                   UUID causationId, String traceparent) {
    EventType type = EventTypes.typeOf(payload);
    return new Envelope<>(eventId, type.name(), type.version(), payload.aggregateId(), null, occurredAt,
        correlationId, causationId, traceparent, payload);
  }

  /** The next message of the same flow, caused by this one. */
  public <N extends Message> Envelope<N> causing(N next, UUID nextEventId, Instant at) {
    return of(next, nextEventId, at, correlationId, eventId, traceparent);
  }

  /** Those of {@code envelopes} whose payload is a {@code type}, in their order: a batch split by kind. */
  @SuppressWarnings("unchecked")
  public static <T extends Message> List<Envelope<T>> ofType(List<? extends Envelope<?>> envelopes, Class<T> type) {
    return envelopes.stream().filter(e -> type.isInstance(e.payload())).map(e -> (Envelope<T>) e).toList();
  }

  public Envelope<P> withPosition(long newPosition) {
    return new Envelope<>(eventId, type, version, aggregateId, newPosition, occurredAt, correlationId, causationId,
        traceparent, payload);
  }
}
