package org.orderplatform.messaging.dispatch;

import org.orderplatform.messaging.inbox.DeliveryHeaders;
import org.orderplatform.messaging.leader.Lease;

/**
 * One stretch of a dispatcher's work: a term of leadership and an epoch of the group within it.
 * Everything asynchronous checks it is still the current one before acting on its outcome.
 */
record Tenure(Lease lease, long epoch, Schedule schedule) {

  DeliveryHeaders headers() {
    return new DeliveryHeaders(lease.name(), lease.term(), epoch);
  }
}
