package org.orderplatform.messaging.log;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.orderplatform.codecs.Envelope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event-sourced streams in the log. An aggregate's own events carry a version, 1, 2, 3…, unique per
 * aggregate id: a writer reads the stream at version N, decides, and appends N+1…; when another
 * writer appended N+1 first, the append fails with {@link ConcurrentAppend} and the loser reloads and
 * decides again. Other services' events about the same aggregate id carry no version and are not
 * part of its stream, but they are part of its {@link #history}.
 */
public final class EventStreams {

  /** One event of a stream, or of a history: {@code version} is null for an event outside the stream. */
  public record Versioned(Integer version, Envelope<?> envelope) {
  }

  /** Another writer appended to the stream since it was read: reload and decide again. */
  public static final class ConcurrentAppend extends RuntimeException {
    ConcurrentAppend(String detail) {
      super(detail, null, false, false);
    }
  }

  /** A stored event that no longer decodes: an aggregate built without it would be wrong. */
  public static final class UnreadableEvent extends RuntimeException {
    UnreadableEvent(StoredEvent.Readout.Unreadable unreadable) {
      super("event " + unreadable.stored().eventId() + " of " + unreadable.stored().aggregateId() + " ("
          + unreadable.stored().type() + " v" + unreadable.stored().version() + ") is unreadable: "
          + unreadable.reason());
    }
  }

  private EventStreams() {
  }

  /** The streams of these aggregates, each in version order; an aggregate with no events is absent. */
  public static Future<Map<String, List<Versioned>>> load(SqlClient client, Collection<String> aggregateIds) {
    return client.preparedQuery(EventLogSql.READ_STREAMS).execute(Tuple.of(aggregateIds.toArray(String[]::new)))
        .map(rows -> {
          Map<String, List<Versioned>> streams = new LinkedHashMap<>();
          for (Versioned event : decode(rows)) {
            streams.computeIfAbsent(event.envelope().aggregateId(), id -> new ArrayList<>()).add(event);
          }
          return streams;
        });
  }

  /** Every event about one aggregate, its own stream and other services' replies, in log order. */
  public static Future<List<Versioned>> history(SqlClient client, String aggregateId) {
    return client.preparedQuery(EventLogSql.READ_HISTORY).execute(Tuple.of(aggregateId)).map(EventStreams::decode);
  }

  /** The newest committed event of one type for each of these aggregates, numbered by the sequencer or not yet. */
  public static Future<List<Envelope<?>>> latestOf(SqlClient client, String type, Collection<String> aggregateIds) {
    return client.preparedQuery(EventLogSql.LATEST_OF).execute(Tuple.of(aggregateIds.toArray(String[]::new), type))
        .map(rows -> decode(rows).stream().<Envelope<?>>map(Versioned::envelope).toList());
  }

  /**
   * Appends events to their streams in the caller's transaction, each with the version it was
   * decided at. Fails with {@link ConcurrentAppend} when a version is taken.
   */
  public static Future<Void> append(SqlClient tx, List<Versioned> events) {
    Integer[] versions = events.stream().map(Versioned::version).toArray(Integer[]::new);
    return EventLog.append(tx, events.stream().map(Versioned::envelope).toList(), versions)
        .recover(error -> Future.failedFuture(isStreamConflict(error) ? new ConcurrentAppend(error.getMessage()) : error));
  }

  private static boolean isStreamConflict(Throwable error) {
    return error instanceof PgException pg && "23505".equals(pg.getSqlState())
        && pg.getConstraint() != null && pg.getConstraint().equals("events_stream");
  }

  private static List<Versioned> decode(RowSet<Row> rows) {
    List<Versioned> events = new ArrayList<>(rows.size());
    for (Row row : rows) {
      StoredEvent.Readout readout = StoredEvent.from(row).read();
      if (readout instanceof StoredEvent.Readout.Unreadable unreadable) {
        throw new UnreadableEvent(unreadable);
      }
      events.add(new Versioned(row.getInteger("stream_version"), ((StoredEvent.Readout.Readable) readout).envelope()));
    }
    return events;
  }
}
