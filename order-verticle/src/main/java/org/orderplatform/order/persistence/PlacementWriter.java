package org.orderplatform.order.persistence;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.log.EventLog;
import org.orderplatform.order.domain.OrderState;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores placed orders with their {@code OrderPlaced} events, group-committing concurrent
 * placements: a placement that arrives while {@link #MAX_COMMITTING} transactions are already
 * committing waits for the next one, which takes every placement waiting by then. At low load each
 * placement commits at once, alone; under load a commit carries many, so commits per order fall as
 * the rate rises. Every caller is answered after its own commit. If a shared transaction fails,
 * it is halved and each half tried again, so one bad placement fails alone at the cost of a few
 * extra commits.
 */
public final class PlacementWriter {

  private static final int MAX_COMMITTING = 2;
  private static final int MAX_PER_COMMIT = 256;

  private record Placement(OrderState state, Envelope<OrderEvent> event, Promise<Void> stored) {
  }

  private final Pool pool;
  private final OrderRepository repository;
  private final List<Placement> waiting = new ArrayList<>();
  private int committing;

  public PlacementWriter(Pool pool, OrderRepository repository) {
    this.pool = pool;
    this.repository = repository;
  }

  public Future<Void> store(OrderState state, Envelope<OrderEvent> event) {
    Promise<Void> stored = Promise.promise();
    List<Placement> batch;
    synchronized (this) {
      waiting.add(new Placement(state, event, stored));
      batch = next();
    }
    commit(batch);
    return stored.future();
  }

  // Called with the monitor held: the next batch to commit, or null when the limit is reached.
  private List<Placement> next() {
    if (waiting.isEmpty() || committing >= MAX_COMMITTING) {
      return null;
    }
    committing++;
    List<Placement> batch = new ArrayList<>(waiting.subList(0, Math.min(waiting.size(), MAX_PER_COMMIT)));
    waiting.subList(0, batch.size()).clear();
    return batch;
  }

  private void commit(List<Placement> batch) {
    if (batch == null) {
      return;
    }
    commitHalving(batch).onComplete(ar -> {
      List<Placement> following;
      synchronized (this) {
        committing--;
        following = next();
      }
      commit(following);
    });
  }

  /** Answers every placement of the batch; never fails itself. */
  private Future<Void> commitHalving(List<Placement> batch) {
    return write(batch).transform(ar -> {
      if (ar.succeeded()) {
        batch.forEach(p -> p.stored().complete());
        return Future.succeededFuture();
      }
      if (batch.size() == 1) {
        batch.get(0).stored().fail(ar.cause());
        return Future.succeededFuture();
      }
      int half = batch.size() / 2;
      return Future.join(commitHalving(batch.subList(0, half)), commitHalving(batch.subList(half, batch.size())))
          .<Void>mapEmpty();
    });
  }

  private Future<Void> write(List<Placement> batch) {
    return pool.withTransaction(tx -> repository.insertAll(tx, batch.stream().map(Placement::state).toList())
        .compose(v -> EventLog.append(tx, batch.stream().map(Placement::event).toList())));
  }
}
