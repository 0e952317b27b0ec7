package org.orderplatform.messaging.dispatch;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a group's dispatcher has done in this JVM, for the metrics and the admin API. */
public final class GroupStats {

  final LongAdder delivered = new LongAdder();
  final LongAdder failedAttempts = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder parked = new LongAdder();
  final LongAdder redelivered = new LongAdder();
  final LongAdder waited = new LongAdder();
  final AtomicLong cursor = new AtomicLong();
  final AtomicLong readPosition = new AtomicLong();

  public long delivered() {
    return delivered.sum();
  }

  public long failedAttempts() {
    return failedAttempts.sum();
  }

  public long deadLettered() {
    return deadLettered.sum();
  }

  public long parked() {
    return parked.sum();
  }

  public long redelivered() {
    return redelivered.sum();
  }

  /** Sends that found no consumer, or a consumer that called them stale, and waited without spending an attempt. */
  public long waited() {
    return waited.sum();
  }

  public long readPosition() {
    return readPosition.get();
  }

  public long cursor() {
    return cursor.get();
  }
}
