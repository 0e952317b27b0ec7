package org.orderplatform.messaging.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.EventJson;
import org.orderplatform.messaging.leader.FencedOut;
import org.orderplatform.messaging.leader.Lease;
import org.orderplatform.messaging.log.StoredEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The dead-letter store and the parking lot behind it, as the leading dispatcher writes them. Every
 * write is fenced by the leader's term and fails with {@link FencedOut} once that term is over.
 */
public final class DeadLetters {

  /** A dead letter that still holds its aggregate. */
  public record Held(String aggregateId, long position, String status) {
  }

  /** A dead letter the dispatcher must act on: redeliver, or let its parked events flow. */
  public record Action(long id, long position, String aggregateId, String status) {
    public boolean retry() {
      return "retry_requested".equals(status);
    }

    public boolean discarded() {
      return "discarded".equals(status);
    }
  }

  private final Pool pool;

  public DeadLetters(Pool pool) {
    this.pool = pool;
  }

  public Future<Long> record(String group, StoredEvent event, List<Attempt> attempts, Lease lease) {
    Attempt last = attempts.get(attempts.size() - 1);
    String fingerprint = Fingerprint.of(event.type(), last.errorClass(), last.errorMessage());
    return fenced(lease, "dead letter", DeadLetterSql.INSERT, Tuple.from(new Object[] {
        group, event.eventId(), event.position(), event.type(), event.version(), event.aggregateId(),
        envelopeJson(event), last.errorClass(), last.errorMessage(), fingerprint, attemptsJson(attempts),
        lease.name(), lease.term()}), rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> reopen(long id, String type, List<Attempt> attempts, Lease lease) {
    Attempt last = attempts.get(attempts.size() - 1);
    return fenced(lease, "reopen", DeadLetterSql.REOPEN, Tuple.from(new Object[] {id, last.errorClass(),
        last.errorMessage(), Fingerprint.of(type, last.errorClass(), last.errorMessage()), attemptsJson(attempts),
        lease.name(), lease.term()}), rows -> null);
  }

  /** Fails with {@link FencedOut} when the term is over, with {@link EpochOver} when a replay came first. */
  public Future<Void> resolve(long id, Lease lease, String group, long epoch) {
    return fencedByEpoch(lease, "resolve", DeadLetterSql.RESOLVE, Tuple.of(id, lease.name(), lease.term(), group, epoch));
  }

  /** As {@link #resolve}: the parked events of the dead letter have flowed. */
  public Future<Void> release(long id, Lease lease, String group, long epoch) {
    return fencedByEpoch(lease, "release", DeadLetterSql.RELEASE, Tuple.of(id, lease.name(), lease.term(), group, epoch));
  }

  private Future<Void> fencedByEpoch(Lease lease, String write, String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params).compose(rows -> {
      Row row = rows.iterator().next();
      if (!row.getBoolean("term_current")) {
        return Future.failedFuture(new FencedOut(lease.name(), lease.term(), write));
      }
      return row.getBoolean("epoch_current") ? Future.succeededFuture()
          : Future.failedFuture(new EpochOver(write + " refused: the group was replayed meanwhile"));
    });
  }

  /** A replay or rebuild began a new epoch: the write belongs to the one before and must not land. */
  public static final class EpochOver extends RuntimeException {
    EpochOver(String message) {
      super(message, null, false, false);
    }
  }

  public Future<Void> park(String group, StoredEvent event, Lease lease) {
    return fenced(lease, "park", DeadLetterSql.PARK,
        Tuple.of(group, event.position(), event.aggregateId(), lease.name(), lease.term()), rows -> null);
  }

  public Future<Void> unpark(String group, long position, Lease lease) {
    return pool.preparedQuery(DeadLetterSql.UNPARK).execute(Tuple.of(group, position, lease.name(), lease.term()))
        .compose(rows -> rows.iterator().next().getBoolean("current") ? Future.succeededFuture()
            : Future.failedFuture(new FencedOut(lease.name(), lease.term(), "unpark")));
  }

  private <T> Future<T> fenced(Lease lease, String write, String sql, Tuple params, Function<RowSet<Row>, T> result) {
    return pool.preparedQuery(sql).execute(params).compose(rows -> rows.size() == 0
        ? Future.failedFuture(new FencedOut(lease.name(), lease.term(), write))
        : Future.succeededFuture(result.apply(rows)));
  }

  public Future<List<Held>> holds(String group) {
    return pool.preparedQuery(DeadLetterSql.HOLDS).execute(Tuple.of(group)).map(rows -> {
      List<Held> held = new ArrayList<>();
      rows.forEach(row -> held.add(new Held(row.getString("aggregate_id"), row.getLong("position"), row.getString("status"))));
      return held;
    });
  }

  /** Positions of every discarded dead letter of the group, released or not. */
  public Future<List<Long>> discarded(String group) {
    return pool.preparedQuery(DeadLetterSql.DISCARDED).execute(Tuple.of(group)).map(rows -> {
      List<Long> positions = new ArrayList<>();
      rows.forEach(row -> positions.add(row.getLong("position")));
      return positions;
    });
  }

  /** A page of actions after {@code (position, id)}, lowest position first. */
  public Future<List<Action>> actionable(String group, long afterPosition, long afterId, int limit) {
    return pool.preparedQuery(DeadLetterSql.ACTIONABLE).execute(Tuple.of(group, afterPosition, afterId, limit))
        .map(rows -> {
          List<Action> actions = new ArrayList<>();
          rows.forEach(row -> actions.add(new Action(row.getLong("id"), row.getLong("position"),
              row.getString("aggregate_id"), row.getString("status"))));
          return actions;
        });
  }

  /** Parked positions of an aggregate below {@code below}, oldest first. */
  public Future<List<Long>> parkedOf(String group, String aggregateId, long below, int limit) {
    return pool.preparedQuery(DeadLetterSql.PARKED_OF).execute(Tuple.of(group, aggregateId, below, limit))
        .map(rows -> {
          List<Long> positions = new ArrayList<>();
          rows.forEach(row -> positions.add(row.getLong("position")));
          return positions;
        });
  }

  /** The stored event as it sits in the log, readable even when it could not be decoded. */
  static String envelopeJson(StoredEvent event) {
    ObjectNode node = EventJson.mapper().createObjectNode();
    node.put("eventId", event.eventId().toString());
    node.put("type", event.type());
    node.put("version", event.version());
    node.put("aggregateId", event.aggregateId());
    node.put("position", event.position());
    node.set("headers", parseOrText(event.headers()));
    node.set("payload", parseOrText(event.payload()));
    return node.toString();
  }

  private static JsonNode parseOrText(String json) {
    try {
      return EventJson.mapper().readTree(json);
    } catch (Exception e) {
      return EventJson.mapper().getNodeFactory().textNode(json);
    }
  }

  static String attemptsJson(List<Attempt> attempts) {
    ArrayNode array = EventJson.mapper().createArrayNode();
    attempts.forEach(a -> array.addObject()
        .put("attempt", a.number())
        .put("at", a.at().toString())
        .put("errorClass", a.errorClass())
        .put("errorMessage", a.errorMessage()));
    return array.toString();
  }
}
