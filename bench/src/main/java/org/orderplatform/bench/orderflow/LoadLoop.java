package org.orderplatform.bench.orderflow;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends orders from {@code startNanos} until the {@link System#nanoTime()} in {@code until}, which may
 * be brought forward to stop early; completes when every answer is in.
 */
interface LoadLoop {

  Future<Void> run(long startNanos, AtomicLong until);

  String describe();

  static LoadLoop of(Options options, Vertx vertx, OrderSender sender) {
    return options.openLoop() ? new Open(vertx, sender, options.rate()) : new Closed(sender, options.concurrency());
  }

  /** Keeps {@code concurrency} requests outstanding: each answer sends the next order. */
  record Closed(OrderSender sender, int concurrency) implements LoadLoop {

    @Override
    public Future<Void> run(long startNanos, AtomicLong until) {
      List<Future<Void>> workers = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        Promise<Void> done = Promise.promise();
        next(until, done);
        workers.add(done.future());
      }
      return Future.all(workers).mapEmpty();
    }

    // A callback per answer, not a compose chain: a chain would nest one future per order.
    private void next(AtomicLong until, Promise<Void> done) {
      long now = System.nanoTime();
      if (now >= until.get()) {
        done.complete();
        return;
      }
      sender.send(now).onComplete(answered -> next(until, done));
    }

    @Override
    public String describe() {
      return "closed loop, concurrency " + concurrency;
    }
  }

  /**
   * Sends order {@code i} at {@code start + i / rate} by the clock, whether or not earlier orders
   * have been answered, so a slow platform cannot slow the offered load (no coordinated omission).
   */
  final class Open implements LoadLoop {

    private static final long TICK_MILLIS = 1;

    private final Vertx vertx;
    private final OrderSender sender;
    private final double rate;
    private long scheduled;
    private long outstanding;
    private boolean stopped;

    Open(Vertx vertx, OrderSender sender, double rate) {
      this.vertx = vertx;
      this.sender = sender;
      this.rate = rate;
    }

    @Override
    public Future<Void> run(long startNanos, AtomicLong until) {
      Promise<Void> done = Promise.promise();
      vertx.setPeriodic(TICK_MILLIS, timer -> {
        long untilNanos = until.get();
        long now = Math.min(System.nanoTime(), untilNanos);
        for (long due = dueAt(startNanos, scheduled); due <= now && due < untilNanos; due = dueAt(startNanos, scheduled)) {
          scheduled++;
          outstanding++;
          sender.send(due).onComplete(answered -> {
            outstanding--;
            finishIfDone(done);
          });
        }
        if (now >= untilNanos) {
          vertx.cancelTimer(timer);
          stopped = true;
          finishIfDone(done);
        }
      });
      return done.future();
    }

    private long dueAt(long startNanos, long index) {
      return startNanos + Math.round(index * 1e9 / rate);
    }

    private void finishIfDone(Promise<Void> done) {
      if (stopped && outstanding == 0) {
        done.tryComplete();
      }
    }

    @Override
    public String describe() {
      return "open loop, %,.0f orders/s".formatted(rate);
    }
  }
}
