package org.orderplatform.codecs;

import org.orderplatform.events.Message;

/** What decoding a stored or received payload gave; every caller must handle all three. */
public sealed interface DecodeResult {

  /** The payload, upcast to the current version and bound to its record. */
  record Decoded(Message message) implements DecodeResult {
  }

  /** No such type, or a version this node does not know (newer than its contract, or no upcaster). */
  record UnknownType(String name, int version) implements DecodeResult {
  }

  /** The type is known but the JSON does not fit it. */
  record Malformed(String name, int version, String reason) implements DecodeResult {
  }
}
