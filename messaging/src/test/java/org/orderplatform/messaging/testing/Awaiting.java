package org.orderplatform.messaging.testing;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Blocking waits for tests: a future's result, or a polled condition; always bounded in time. */
public final class Awaiting {

  public static final Duration TIMEOUT = Duration.ofSeconds(15);

  private Awaiting() {
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // A hang in CI is only explicable with the threads' stacks at that moment.
      System.err.println("did not complete within " + TIMEOUT + "; threads now:\n" + threadDump());
      throw new AssertionError("did not complete within " + TIMEOUT + ": " + e, e);
    }
  }

  private static String threadDump() {
    StringBuilder dump = new StringBuilder();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
      for (StackTraceElement frame : stack) {
        dump.append("    at ").append(frame).append('\n');
      }
    });
    return dump.toString();
  }

  /** Polls until the value satisfies the condition, within {@link #TIMEOUT}. */
  public static <T> T eventually(Callable<T> probe, Predicate<T> done, String what) {
    return eventually(probe, done, TIMEOUT, what);
  }

  public static <T> T eventually(Callable<T> probe, Predicate<T> done, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.call();
      } catch (Exception e) {
        throw new AssertionError("probing for " + what + " failed: " + e, e);
      }
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: " + last);
  }
}
