package org.orderplatform.messaging.log;

import io.vertx.sqlclient.Row;
import org.orderplatform.codecs.DecodeResult;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EventJson;
import org.orderplatform.codecs.EventTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the event log as stored, before its payload is decoded (and upcast). {@code position}
 * is {@link #UNSEQUENCED} for a row the sequencer has not numbered yet (positions start at 1).
 */
public record StoredEvent(long position, UUID eventId, String type, int version, String aggregateId,
                          String payload, String headers) {

  public static final long UNSEQUENCED = 0;

  static StoredEvent from(Row row) {
    Long position = row.getLong("position");
    return new StoredEvent(position == null ? UNSEQUENCED : position, row.getUUID("event_id"), row.getString("type"),
        row.getInteger("version"), row.getString("aggregate_id"), row.getString("payload"),
        row.getString("headers"));
  }

  /** Upcasts and binds the payload; never throws: a bad row is a {@link Readout.Unreadable}. */
  public Readout read() {
    DecodeResult result = EventTypes.decode(type, version, payload);
    if (result instanceof DecodeResult.Decoded decoded) {
      return withHeaders(decoded);
    }
    if (result instanceof DecodeResult.UnknownType unknown) {
      return new Readout.Unreadable(this, "UnknownType", "no event type " + unknown.name() + " v" + unknown.version());
    }
    DecodeResult.Malformed malformed = (DecodeResult.Malformed) result;
    return new Readout.Unreadable(this, "Malformed", malformed.reason());
  }

  private Readout withHeaders(DecodeResult.Decoded decoded) {
    try {
      Headers h = EventJson.mapper().readValue(headers, Headers.class);
      var current = EventTypes.typeOf(decoded.message());
      return new Readout.Readable(this, new Envelope<>(eventId, current.name(), current.version(), aggregateId,
          position == UNSEQUENCED ? null : position, h.occurredAt(), h.correlationId(), h.causationId(), h.traceparent(), decoded.message()));
    } catch (Exception e) {
      return new Readout.Unreadable(this, "Malformed", "bad headers: " + e.getMessage());
    }
  }

  /** The envelope's metadata as {@link EventLog#append} stores it beside the payload. */
  private record Headers(Instant occurredAt, UUID correlationId, UUID causationId, String traceparent) {
  }

  /** What reading a stored event gave: an envelope to deliver, or a reason it cannot be. */
  public sealed interface Readout {
    StoredEvent stored();

    record Readable(StoredEvent stored, Envelope<?> envelope) implements Readout {
    }

    record Unreadable(StoredEvent stored, String errorClass, String reason) implements Readout {
    }
  }
}
