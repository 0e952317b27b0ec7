package org.orderplatform.codecs;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.io.IOException;

/**
 * Sends an {@link Envelope} over the clustered bus as compact JSON. The receiving side gets an
 * {@code Envelope}, or an {@link UndecodableEnvelope} when its contract cannot read the payload.
 */
public final class EnvelopeCodec implements MessageCodec<Envelope<?>, Object> {

  public static final String NAME = "order-platform.envelope";

  @Override
  public void encodeToWire(Buffer buffer, Envelope<?> envelope) {
    EnvelopeWire.write(buffer, EnvelopeWire.toTree(envelope));
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    try {
      return EnvelopeWire.fromTree(EnvelopeWire.read(pos, buffer));
    } catch (IOException e) {
      return new UndecodableEnvelope(null, null, 0, "bad envelope JSON: " + e.getMessage());
    }
  }

  /** Envelopes are immutable records: a local send shares the instance. */
  @Override
  public Object transform(Envelope<?> envelope) {
    return envelope;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
