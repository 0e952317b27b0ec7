package org.orderplatform.plumbing.batch;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs concurrent requests together: while {@code maxRunning} batches are under way, new requests
 * wait, and the next batch takes every request waiting by then (up to {@code maxBatch}). At low load
 * each request runs at once, alone; under load one round trip or one commit serves many. Each
 * caller gets its own result when its batch is done. A batch that fails because of one request's
 * data ({@code splittable}) is halved and the halves run one after the other, so one bad request
 * fails alone at the cost of a few extra runs; any other failure (an outage, a timeout) fails the
 * whole batch at once rather than multiplying the load.
 *
 * @param <I> a request
 * @param <O> its result
 */
public final class Batcher<I, O> {

  /** Runs a batch; on success, one result per request, in the same order. */
  @FunctionalInterface
  public interface Work<I, O> {
    Future<List<O>> run(List<I> requests);
  }

  private record Request<I, O>(I item, Promise<O> result) {
  }

  private final int maxRunning;
  private final int maxBatch;
  private final Work<I, O> work;
  private final Predicate<Throwable> splittable;
  private final List<Request<I, O>> waiting = new ArrayList<>();
  private int running;

  /**
   * @param splittable which failures may be one request's fault, worth halving the batch for
   */
  public Batcher(int maxRunning, int maxBatch, Work<I, O> work, Predicate<Throwable> splittable) {
    if (maxRunning < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("need maxRunning >= 1 and maxBatch >= 1");
    }
    this.maxRunning = maxRunning;
    this.maxBatch = maxBatch;
    this.work = work;
    this.splittable = splittable;
  }

  public Future<O> submit(I item) {
    Promise<O> result = Promise.promise();
    List<Request<I, O>> batch;
    synchronized (this) {
      waiting.add(new Request<>(item, result));
      batch = next();
    }
    start(batch);
    return result.future();
  }

  // With the monitor held: the next batch to run, or null when none may start now.
  private List<Request<I, O>> next() {
    if (waiting.isEmpty() || running >= maxRunning) {
      return null;
    }
    running++;
    List<Request<I, O>> batch = new ArrayList<>(waiting.subList(0, Math.min(waiting.size(), maxBatch)));
    waiting.subList(0, batch.size()).clear();
    return batch;
  }

  private void start(List<Request<I, O>> batch) {
    if (batch == null) {
      return;
    }
    runHalving(batch).onComplete(ar -> {
      List<Request<I, O>> following;
      synchronized (this) {
        running--;
        following = next();
      }
      start(following);
    });
  }

  /** Answers every request of the batch; never fails itself. */
  private Future<Void> runHalving(List<Request<I, O>> batch) {
    Future<List<O>> outcome;
    try {
      outcome = work.run(batch.stream().map(Request::item).toList());
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome.transform(ar -> {
      if (ar.succeeded() && ar.result().size() == batch.size()) {
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).result().complete(ar.result().get(i));
        }
        return Future.succeededFuture();
      }
      Throwable error = ar.failed() ? ar.cause()
          : new IllegalStateException(ar.result().size() + " results for " + batch.size() + " requests");
      if (batch.size() == 1 || !splittable.test(error)) {
        batch.forEach(request -> request.result().fail(error));
        return Future.succeededFuture();
      }
      int half = batch.size() / 2;
      return runHalving(batch.subList(0, half)).compose(v -> runHalving(batch.subList(half, batch.size())));
    });
  }
}
