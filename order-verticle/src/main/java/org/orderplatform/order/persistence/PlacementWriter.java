package org.orderplatform.order.persistence;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.events.OrderEvent;
import org.orderplatform.messaging.log.EventStreams;
import org.orderplatform.plumbing.batch.Batcher;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores placed orders, the first event of each order's stream, group-committing concurrent
 * placements: while two transactions are committing, new placements wait, and the next
 * transaction takes all of them. Commits per order fall as the rate rises; every caller is
 * answered after its own commit, and a bad placement fails alone (see {@link Batcher}).
 */
public final class PlacementWriter {

  /** A request's Idempotency-Key and the hash of its body. */
  public record IdempotencyKey(String key, String requestHash) {
  }

  /** What an Idempotency-Key was first used for. */
  public record StoredKey(String requestHash, UUID orderId) {
  }

  private record Placement(Envelope<OrderEvent.OrderPlaced> event, IdempotencyKey key) {
  }

  private final Pool pool;
  private final Batcher<Placement, Void> batcher;

  public PlacementWriter(Pool pool) {
    this.pool = pool;
    // The two statements are independent: sent together, they share one round trip.
    this.batcher = new Batcher<>(2, 256, placements -> pool.withTransaction(tx -> Future.all(
            EventStreams.append(tx, placements.stream().map(p -> new EventStreams.Versioned(1, p.event())).toList()),
            insertKeys(tx, placements.stream().map(Placement::key).filter(key -> key != null).toList(),
                placements.stream().filter(p -> p.key() != null).map(p -> p.event().payload().orderId()).toList())))
        .map(v -> Collections.nCopies(placements.size(), (Void) null)), PlacementWriter::oneRowsFault);
  }

  // Data exceptions (22), constraint violations (23) such as a reused Idempotency-Key, and an order
  // id already taken belong to one placement; anything else (a lost connection, a timeout) would
  // fail every half as well.
  private static boolean oneRowsFault(Throwable error) {
    return error instanceof EventStreams.ConcurrentAppend || error instanceof PgException pg && pg.getSqlState() != null
        && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
  }

  /** Stores the order's first event, with its Idempotency-Key when it came with one (null: none). */
  public Future<Void> store(Envelope<OrderEvent.OrderPlaced> event, IdempotencyKey key) {
    return batcher.submit(new Placement(event, key));
  }

  /** Whether this failure of {@link #store} says that another request took the key first. */
  public static boolean keyTaken(Throwable error) {
    return error instanceof PgException pg && OrderSql.KEY_CONSTRAINT.equals(pg.getConstraint());
  }

  public Future<Optional<StoredKey>> findKey(String key) {
    return pool.preparedQuery(OrderSql.FIND_KEY).execute(Tuple.of(key)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new StoredKey(rows.iterator().next().getString("request_hash"),
            rows.iterator().next().getUUID("order_id"))));
  }

  private static Future<Void> insertKeys(SqlConnection tx, List<IdempotencyKey> keys, List<UUID> orderIds) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(OrderSql.INSERT_KEYS).execute(Tuple.of(keys.stream().map(IdempotencyKey::key).toArray(String[]::new),
        keys.stream().map(IdempotencyKey::requestHash).toArray(String[]::new), orderIds.toArray(UUID[]::new))).mapEmpty();
  }
}
