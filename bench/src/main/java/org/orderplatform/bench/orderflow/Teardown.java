package org.orderplatform.bench.orderflow;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What to undo, newest first: the platform JVMs before their database, the database before Vert.x.
 * Runs once, whether the run ends, fails or is interrupted (Ctrl-C runs it from a shutdown hook).
 */
public final class Teardown {

  private final Deque<Step> steps = new ArrayDeque<>();

  private record Step(String what, AutoCloseable action) {
  }

  public synchronized void push(String what, AutoCloseable action) {
    steps.push(new Step(what, action));
  }

  /** From the shutdown hook: says why, when there is anything left to undo. */
  public synchronized void runOnInterrupt() {
    if (!steps.isEmpty()) {
      System.err.println("orderflow: interrupted; stopping the load and the platform, dropping the database");
    }
    run();
  }

  /** Undoes everything registered so far; a step that fails is reported and the others still run. */
  public synchronized void run() {
    while (!steps.isEmpty()) {
      Step step = steps.pop();
      try {
        step.action().close();
      } catch (Exception e) {
        System.err.println("orderflow: clean-up failed, " + step.what() + ": " + e);
      }
    }
  }
}
