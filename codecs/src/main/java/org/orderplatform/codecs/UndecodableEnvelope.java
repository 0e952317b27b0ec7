package org.orderplatform.codecs;

import java.util.UUID;

/**
 * What a node receives when the bus carried an envelope it cannot read (a type or version newer
 * than its contract, or a broken payload). It is delivered, not dropped, so the consumer can fail
 * it at once and the sender dead-letters it instead of waiting for a timeout.
 */
public record UndecodableEnvelope(UUID eventId, String type, int version, String reason) {
}
