package org.orderplatform.messaging.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Envelope;
import org.orderplatform.codecs.EventJson;
import org.orderplatform.codecs.EventTypes;
import org.orderplatform.messaging.OrderLogging;
import org.orderplatform.messaging.TraceContext;
import org.orderplatform.plumbing.db.AfterCommit;
import org.orderplatform.plumbing.logging.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The event log: append inside the caller's transaction (the log is the outbox), read by position.
 */
public final class EventLog {

  private static final Logger log = LoggerFactory.getLogger(EventLog.class);

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
    String[] traceparents = new String[n];
    for (int i = 0; i < n; i++) {
      Envelope<?> e = envelopes.get(i);
      ids[i] = e.eventId();
      types[i] = e.type();
      versions[i] = e.version();
      aggregates[i] = e.aggregateId();
      payloads[i] = EventTypes.encode(e.payload());
      traceparents[i] = TraceContext.traceparentOf(e);
      headers[i] = headers(e, traceparents[i]);
    }
    return tx.preparedQuery(EventLogSql.APPEND)
        .execute(Tuple.of(ids, types, versions, aggregates, payloads, headers, streamVersions))
        .andThen(appended -> {
          if (appended.succeeded()) {
            AppendSignal.afterCommit(tx);
            logAfterCommit(tx, envelopes, traceparents);
          }
        })
        .mapEmpty();
  }

  public static Future<Void> append(SqlClient tx, Envelope<?> envelope) {
    return append(tx, List.of(envelope));
  }

  /**
   * At DEBUG, a line per committed event, about its order and in its trace: every service's step
   * in an order's life shows in the log through this one place.
   */
  private static void logAfterCommit(SqlClient tx, List<? extends Envelope<?>> envelopes, String[] traceparents) {
    if (!log.isDebugEnabled()) {
      return;
    }
    AfterCommit.run(tx, () -> {
      for (int i = 0; i < envelopes.size(); i++) {
        Envelope<?> e = envelopes.get(i);
        LogContext.during(OrderLogging.orderOf(e), traceparents[i],
            () -> log.debug("recorded {} v{} of {}", e.type(), e.version(), e.aggregateId()));
      }
    });
  }

  private static String headers(Envelope<?> e, String traceparent) {
    ObjectNode node = EventJson.mapper().createObjectNode();
    node.put("occurredAt", e.occurredAt().toString());
    node.put("correlationId", e.correlationId().toString());
    if (e.causationId() != null) {
      node.put("causationId", e.causationId().toString());
    }
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
