package org.orderplatform.messaging.admin;

final class AdminSql {

  private AdminSql() {
  }

  // lag_seconds: how long the first event past the cursor has waited (recorded_at is its
  // appending transaction's start), 0 when the group is at the head.
  static final String GROUPS = """
      select s.group_name, s.types, s.cursor, s.epoch, s.updated_at,
             (select coalesce(max(position), 0) from eventlog.events) as head,
             coalesce((select extract(epoch from clock_timestamp() - e.recorded_at)::float8
                         from eventlog.events e where e.position = s.cursor + 1), 0) as lag_seconds,
             (select count(*) from eventlog.dead_letters d
               where d.group_name = s.group_name and d.status in ('open', 'retry_requested')) as dead_letters,
             (select count(*) from eventlog.parked p where p.group_name = s.group_name) as parked
        from eventlog.subscriptions s
       order by s.group_name
      """;

  // What holds every group back: rows the sequencer cannot number yet, and the transaction that
  // is most likely why (any open transaction with an xid holds the sequencer's watermark). Only
  // client sessions count, other than this one: vacuum workers take no xid that would hold it.
  // A role without pg_read_all_stats sees xact_start of its own sessions only. The unsequenced rows
  // are read through their partial index (ordered by id): a bare min(recorded_at) made the planner
  // walk events_recorded_at through every sequenced row, 180 ms a call under load.
  static final String AGES = """
      select extract(epoch from clock_timestamp()
                     - (select min(recorded_at) from (select recorded_at from eventlog.events
                                                        where position is null order by id) waiting))::float8
               as unsequenced,
             extract(epoch from clock_timestamp()
                     - (select min(xact_start) from pg_stat_activity
                         where pid <> pg_backend_pid() and backend_type = 'client backend'))::float8 as transaction
      """;

  // recorded_at is the appending transaction's start, so it is not in position order: a long
  // transaction commits (and is sequenced) after later-started ones. The replay starts just before
  // the first position recorded at or after the time; without one there is nothing to replay.
  static final String CURSOR_FOR_TIME = """
      select coalesce((select min(position) from eventlog.events where recorded_at >= $1 and position is not null) - 1,
                      (select coalesce(max(position), 0) from eventlog.events)) as cursor
      """;

  // A replay moves the cursor back and forgets the inbox rows after it, so the group really
  // handles those events again; the epoch bump tells the dispatcher to drop what it had in memory.
  // FOR UPDATE waits for every consumer transaction that claimed inbox rows under the old epoch
  // (they hold FOR KEY SHARE on this row), so none of their effects can land after the replay.
  // The cursor only ever moves back: a lagging group must still get the events it had not reached
  // (those it handled after its last stored cursor are dropped by the inbox, kept up to $2). While
  // a rebuild is pending it stays at 0: the dispatcher will wipe the whole read model when it takes
  // the rebuild up, so it must apply every event again, not only the replayed tail.
  // $3 is the first position asked for (null for a time): a null cursor says it is past the head,
  // and nothing was changed. No row: no such group.
  static final String REPLAY = """
      with locked as (select group_name, cursor, reset_pending from eventlog.subscriptions where group_name = $1 for update),
           head as (select coalesce(max(position), 0) as position from eventlog.events),
           moved as (
             update eventlog.subscriptions s
                set cursor = case when locked.reset_pending then 0 else least(locked.cursor, $2) end,
                    epoch = s.epoch + 1, updated_at = now()
               from locked, head
              where s.group_name = locked.group_name and ($3::bigint is null or $3 <= head.position)
             returning s.cursor)
      select moved.cursor, locked.reset_pending, head.position as head
        from locked cross join head left join moved on true
      """;

  static final String FORGET_AFTER = """
      delete from eventlog.inbox i using eventlog.events e
       where i.group_name = $1 and e.event_id = i.event_id and e.position > $2
      """;

  // Locked as REPLAY is, for the same reason: an in-flight effect commits before the wipe, never after.
  static final String REBUILD = """
      with locked as (select group_name from eventlog.subscriptions where group_name = $1 for update)
      update eventlog.subscriptions s set cursor = 0, epoch = s.epoch + 1, reset_pending = true, updated_at = now()
        from locked where s.group_name = locked.group_name
      returning s.epoch
      """;

}
