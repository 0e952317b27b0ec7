package org.orderplatform.launcher;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls until a value satisfies a condition; bounded in time, never a blind sleep. */
final class Await {

  private Await() {
  }

  static <T> T until(Callable<T> probe, Predicate<T> done, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.call();
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: " + last);
  }
}
