package org.orderplatform.notification.application;

import java.util.List;
import java.util.UUID;

/**
 * An event about an order whose {@code OrderPlaced} the customers projection has not applied
 * yet: nobody to tell. It fails the delivery; the retry finds the customer once the projection
 * has caught up (it reads the same log, from further back).
 */
public final class CustomerNotKnown extends RuntimeException {

  public CustomerNotKnown(List<UUID> orderIds) {
    super("no customer known yet for order(s) " + orderIds, null, false, false);
  }
}
