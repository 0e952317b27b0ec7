package org.orderplatform.messaging.log;

import org.orderplatform.messaging.leader.LeaseSql;

/** SQL of the event log. Tables are schema-qualified: services run with their own search_path. */
final class EventLogSql {

  private EventLogSql() {
  }

  // One round trip for any number of events. No NOTIFY here: a NOTIFY takes a server-wide lock at
  // commit and serialises every appending transaction; the appender signals over the event bus
  // after its commit instead (see AppendSignal).
  static final String APPEND = """
      insert into eventlog.events (event_id, type, version, aggregate_id, payload, headers, stream_version)
      select * from unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[]::jsonb[], $6::text[]::jsonb[],
                           $7::int[])
      """;

  /*
   * One sequencer pass ($1 the batch limit, $2 and $3 the sequencer's lease name and term).
   *
   * Numbers, in id order, the unsequenced rows before the first visible one whose transaction is
   * not below the snapshot's xmin. Numbering every row below xmin is not monotone in id: T_low
   * takes its xid first and waits for aggregate X's lock, T_high appends X's event 5 and commits,
   * T_low appends X's event 6 and commits; while a T_mid with an xid between theirs is open, event
   * 6 is below xmin and event 5 is not. Stopping at event 5 keeps each aggregate's events in id
   * order, which is their commit order (its lock serialises them). Rows of transactions still open
   * are invisible and do not stop the prefix.
   *
   * Plan: at most $1 candidates, read through events_unsequenced; the update gets their ids as an
   * array, which the planner always takes for a few rows, so it looks each one up by primary key
   * instead of choosing, on stale statistics, to scan the table or the whole backlog. Unsequenced
   * rows are counted (for lagRows) only after a pass that was not full, and from the candidates: a
   * count over the table took most of a pass's time under load (every row the sequencer updates
   * leaves a dead version with a null position, and the planner reached them all through the
   * position index); it is capped at $1, which a pass that was not full only reaches when an open
   * transaction holds that many rows back. The fence makes a deposed
   * sequencer number nothing, and "current" tells it so.
   */
  static final String SEQUENCE = """
      with candidates as (
        select id, tx from eventlog.events
         where position is null
         order by id
         limit $1
      ), ready as (
        select array_agg(id order by id) as ids
          from candidates
         where id < coalesce((select min(id) from candidates
                               where tx >= pg_snapshot_xmin(pg_current_snapshot())), 9223372036854775807)
      ), base as (
        select coalesce(max(position), 0) as top from eventlog.events
      ), numbered as (
        update eventlog.events e
           set position = base.top + next.n
          from ready, unnest(ready.ids) with ordinality as next(id, n), base
         where e.id = next.id and %s
        returning e.position, e.type
      ), pass as (
        select count(*) as assigned, max(position) as head, array_agg(distinct type) as types from numbered
      )
      select assigned, head, types,
             case when assigned < $1 then (select count(*) from candidates) end as unsequenced,
             exists (select 1 from eventlog.leases where name = $2 and term = $3) as current
        from pass
      """.formatted(LeaseSql.fence(2, 3));

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

  // Sequenced or not: a stream is read back by its own writer before the sequencer numbers it.
  static final String READ_STREAMS = """
      select stream_version, %s
        from eventlog.events
       where aggregate_id = any($1::text[]) and stream_version is not null
       order by aggregate_id, stream_version
      """.formatted(COLUMNS);

  // Every event about one aggregate, its own and other services': numbered ones by position, then
  // the few not numbered yet by insertion order.
  static final String READ_HISTORY = """
      select stream_version, %s
        from eventlog.events
       where aggregate_id = $1
       order by position nulls last, id
      """.formatted(COLUMNS);

  // The newest committed event of a type for each aggregate, numbered or not.
  static final String LATEST_OF = """
      select distinct on (aggregate_id) stream_version, %s
        from eventlog.events
       where aggregate_id = any($1::text[]) and type = $2
       order by aggregate_id, id desc
      """.formatted(COLUMNS);

  static final String HEAD = "select coalesce(max(position), 0) as head from eventlog.events";
}
