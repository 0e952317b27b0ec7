package org.orderplatform.codecs;

import java.util.Objects;

/** A published message type: its stable name ({@code order.placed}) and schema version. */
public record EventType(String name, int version) {

  public EventType {
    Objects.requireNonNull(name, "name");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1: " + version);
    }
  }

  @Override
  public String toString() {
    return name + " v" + version;
  }
}
