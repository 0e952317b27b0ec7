package org.orderplatform.events;

import java.util.Objects;

/** A line that could not be reserved: how much was asked for and how much there was. */
public record RejectedLine(String sku, int requested, int available) {

  public RejectedLine {
    Objects.requireNonNull(sku, "sku");
  }
}
