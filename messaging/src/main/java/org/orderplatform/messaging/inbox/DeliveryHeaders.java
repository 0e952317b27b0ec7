package org.orderplatform.messaging.inbox;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Who sent a delivery: the dispatcher's lease and term, and the group's epoch it read under. The
 * consumer claims its inbox rows only while both are still current, so a deposed leader's or a
 * pre-replay delivery cannot land its effects after the new term or the replay began.
 */
public record DeliveryHeaders(String lease, long term, long epoch) {

  static final String LEASE = "x-lease";
  static final String TERM = "x-lease-term";
  static final String EPOCH = "x-group-epoch";

  public void applyTo(DeliveryOptions options) {
    options.addHeader(LEASE, lease).addHeader(TERM, Long.toString(term)).addHeader(EPOCH, Long.toString(epoch));
  }

  /** The sender's headers, or null for a delivery that names no sender (a test sending directly). */
  static DeliveryHeaders from(MultiMap headers) {
    String lease = headers.get(LEASE);
    String term = headers.get(TERM);
    String epoch = headers.get(EPOCH);
    if (lease == null || term == null || epoch == null) {
      return null;
    }
    try {
      return new DeliveryHeaders(lease, Long.parseLong(term), Long.parseLong(epoch));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
