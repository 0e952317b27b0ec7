package org.orderplatform.messaging.admin;

final class AdminSql {

  private AdminSql() {
  }

  static final String GROUPS = """
      select s.group_name, s.types, s.cursor, s.epoch, s.updated_at,
             (select coalesce(max(position), 0) from eventlog.events) as head,
             (select count(*) from eventlog.dead_letters d
               where d.group_name = s.group_name and d.status in ('open', 'retry_requested')) as dead_letters,
             (select count(*) from eventlog.parked p where p.group_name = s.group_name) as parked
        from eventlog.subscriptions s
       order by s.group_name
      """;

  static final String POSITION_BEFORE = """
      select coalesce(max(position), 0) as position from eventlog.events where recorded_at < $1 and position is not null
      """;

  // A replay moves the cursor back and forgets the inbox rows after it, so the group really
  // handles those events again; the epoch bump tells the dispatcher to drop what it had in memory.
  static final String REPLAY = """
      update eventlog.subscriptions set cursor = $2, epoch = epoch + 1, updated_at = now()
       where group_name = $1
      returning epoch
      """;

  static final String FORGET_AFTER = """
      delete from eventlog.inbox i using eventlog.events e
       where i.group_name = $1 and e.event_id = i.event_id and e.position > $2
      """;

  static final String REBUILD = """
      update eventlog.subscriptions set cursor = 0, epoch = epoch + 1, reset_pending = true, updated_at = now()
       where group_name = $1
      returning epoch
      """;

  static final String NOTIFY = "select pg_notify('eventlog_control', $1)";
}
