package org.orderplatform.messaging.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EventJson;
import org.orderplatform.codecs.EventTypes;
import org.orderplatform.messaging.TraceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The event log: append inside the caller's transaction (the log is the outbox), read by position.
 */
public final class EventLog {

  private final Pool pool;

  public EventLog(Pool pool) {
    this.pool = pool;
  }

  /**
   * Appends the envelopes with the caller's connection, so they commit or roll back together with
   * the state change that produced them. Once they are committed (at the end of the connection's
   * transaction, or at once when {@code tx} is not in one) the sequencers are told over the event
   * bus, see {@link AppendSignal}.
   */
  public static Future<Void> append(SqlClient tx, List<? extends Envelope<?>> envelopes) {
    return append(tx, envelopes, new Integer[envelopes.size()]);
  }

  /** As {@link #append(SqlClient, List)}, numbering each envelope in its aggregate's stream (null: none). */
  static Future<Void> append(SqlClient tx, List<? extends Envelope<?>> envelopes, Integer[] streamVersions) {
    if (envelopes.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = envelopes.size();
    UUID[] ids = new UUID[n];
    String[] types = new String[n];
    Integer[] versions = new Integer[n];
    String[] aggregates = new String[n];
    String[] payloads = new String[n];
    String[] headers = new String[n];
    for (int i = 0; i < n; i++) {
      Envelope<?> e = envelopes.get(i);
      ids[i] = e.eventId();
      types[i] = e.type();
      versions[i] = e.version();
      aggregates[i] = e.aggregateId();
      payloads[i] = EventTypes.encode(e.payload());
      headers[i] = headers(e);
    }
    return tx.preparedQuery(EventLogSql.APPEND)
        .execute(Tuple.of(ids, types, versions, aggregates, payloads, headers, streamVersions))
        .andThen(appended -> {
          if (appended.succeeded()) {
            AppendSignal.afterCommit(tx);
          }
        })
        .mapEmpty();
  }

  public static Future<Void> append(SqlClient tx, Envelope<?> envelope) {
    return append(tx, List.of(envelope));
  }

  static String headers(Envelope<?> e) {
    ObjectNode node = EventJson.mapper().createObjectNode();
    node.put("occurredAt", e.occurredAt().toString());
    node.put("correlationId", e.correlationId().toString());
    if (e.causationId() != null) {
      node.put("causationId", e.causationId().toString());
    }
    String traceparent = TraceContext.traceparentOf(e);
    if (traceparent != null) {
      node.put("traceparent", traceparent);
    }
    return node.toString();
  }

  /**
   * Sequenced events of the given types after a position, oldest first, at most {@code limit}.
   *
   * @param head the log's head when read: with fewer than {@code limit} events, every event of
   *             these types up to it is in {@code events}
   */
  public record Page(List<StoredEvent> events, long head) {
  }

  public Future<Page> readAfter(long position, List<String> types, int limit) {
    return pool.preparedQuery(EventLogSql.READ_AFTER)
        .execute(Tuple.of(position, types.toArray(String[]::new), limit))
        .map(rows -> {
          List<StoredEvent> events = new ArrayList<>(rows.size());
          long head = position;
          for (var row : rows) {
            head = row.getLong("head");
            if (row.getLong("position") != null) {
              events.add(StoredEvent.from(row));
            }
          }
          return new Page(events, head);
        });
  }

  public Future<StoredEvent> readAt(long position) {
    return pool.preparedQuery(EventLogSql.READ_AT).execute(Tuple.of(position))
        .map(rows -> rows.size() == 0 ? null : StoredEvent.from(rows.iterator().next()));
  }

  /** The highest assigned position, 0 when the log is empty. */
  public Future<Long> head() {
    return pool.query(EventLogSql.HEAD).execute().map(rows -> rows.iterator().next().getLong("head"));
  }
}
