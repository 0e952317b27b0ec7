package org.orderplatform.messaging.testing;

import java.util.random.RandomGenerator;

/** A "random" source that always answers the top of the requested range: full jitter made deterministic. */
public final class TopOfRange implements RandomGenerator {

  @Override
  public long nextLong() {
    return Long.MAX_VALUE;
  }

  @Override
  public long nextLong(long bound) {
    return bound - 1;
  }
}
