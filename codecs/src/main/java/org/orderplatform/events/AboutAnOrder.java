package org.orderplatform.events;

import java.util.UUID;

/**
 * A message about one order: every message of the order's flow, whichever service sends it. The
 * catalogue's own events (a product added, restocked) are not; their aggregate is a SKU.
 */
public interface AboutAnOrder {

  UUID orderId();
}
