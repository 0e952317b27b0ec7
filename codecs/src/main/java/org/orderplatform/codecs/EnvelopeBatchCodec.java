package org.orderplatform.codecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends an {@link EnvelopeBatch} as one JSON document. If any envelope in it cannot be read, the
 * receiver gets that envelope's {@link UndecodableEnvelope}: the sender then splits the batch and
 * the others go through on their own.
 */
public final class EnvelopeBatchCodec implements MessageCodec<EnvelopeBatch, Object> {

  public static final String NAME = "order-platform.envelope-batch";

  @Override
  public void encodeToWire(Buffer buffer, EnvelopeBatch batch) {
    ObjectNode node = EventJson.mapper().createObjectNode();
    ArrayNode envelopes = node.putArray("envelopes");
    batch.envelopes().forEach(e -> envelopes.add(EnvelopeWire.toTree(e)));
    EnvelopeWire.write(buffer, node);
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    JsonNode node;
    try {
      node = EnvelopeWire.read(pos, buffer);
    } catch (IOException e) {
      return new UndecodableEnvelope(null, null, 0, "bad batch JSON: " + e.getMessage());
    }
    JsonNode items = node.path("envelopes");
    if (!items.isArray() || items.isEmpty()) {
      return new UndecodableEnvelope(null, null, 0, "a batch needs a non-empty 'envelopes' list");
    }
    List<Envelope<?>> envelopes = new ArrayList<>();
    for (JsonNode item : items) {
      Object decoded = EnvelopeWire.fromTree(item);
      if (decoded instanceof UndecodableEnvelope undecodable) {
        return undecodable;
      }
      envelopes.add((Envelope<?>) decoded);
    }
    return new EnvelopeBatch(envelopes);
  }

  @Override
  public Object transform(EnvelopeBatch batch) {
    return batch;
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
