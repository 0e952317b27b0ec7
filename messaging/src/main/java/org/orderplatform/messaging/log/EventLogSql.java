package org.orderplatform.messaging.log;

/** SQL of the event log. Tables are schema-qualified: services run with their own search_path. */
final class EventLogSql {

  private EventLogSql() {
  }

  // One round trip for any number of events; the NOTIFY is delivered at commit, and PostgreSQL
  // folds identical notifications of one transaction into one.
  static final String APPEND = """
      with appended as (
        insert into eventlog.events (event_id, type, version, aggregate_id, payload, headers)
        select * from unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[]::jsonb[], $6::text[]::jsonb[])
        returning id
      )
      select count(*) as appended, pg_notify('eventlog_appended', '') from appended
      """;

  static final String COLUMNS = "position, event_id, type, version, aggregate_id, payload::text as payload, headers::text as headers";

  // Reads up to the head as it is now, and returns that head on every row (one row of nulls when
  // nothing matched): a reader that got fewer than the limit has seen every event of its types up
  // to the head, so its cursor may move there even when the head's events are not its own.
  static final String READ_AFTER = """
      with head as (select coalesce(max(position), 0) as head from eventlog.events)
      select head.head, e.* from head left join lateral (
        select %s
          from eventlog.events
         where position > $1 and position <= head.head and type = any($2::text[])
         order by position
         limit $3
      ) e on true
      """.formatted(COLUMNS);

  static final String READ_AT = "select " + COLUMNS + " from eventlog.events where position = $1";

  static final String READ_AGGREGATE = "select " + COLUMNS + """
       from eventlog.events
      where aggregate_id = $1 and position is not null
      order by position
      """;

  static final String HEAD = "select coalesce(max(position), 0) as head from eventlog.events";
}
