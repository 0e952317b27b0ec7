package org.orderplatform.messaging.deadletter;

final class DeadLetterSql {

  private DeadLetterSql() {
  }

  static final String INSERT = """
      insert into eventlog.dead_letters
        (group_name, event_id, position, type, version, aggregate_id, envelope, error_class, error_message, fingerprint, attempts)
      values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10, $11::text::jsonb)
      returning id
      """;

  static final String REOPEN = """
      update eventlog.dead_letters
         set status = 'open', error_class = $2, error_message = $3, fingerprint = $4,
             attempts = attempts || $5::text::jsonb, updated_at = now()
       where id = $1
      """;

  // Not yet released: the aggregate stays blocked until its parked events have flowed (see RELEASE),
  // so a leader that dies half-way leaves the rest for the next one.
  static final String RESOLVE = """
      update eventlog.dead_letters set status = 'resolved', updated_at = now() where id = $1
      """;

  static final String RELEASE = "update eventlog.dead_letters set released = true, updated_at = now() where id = $1";

  static final String BLOCKED_AGGREGATES = """
      select distinct aggregate_id from eventlog.dead_letters
       where group_name = $1
         and (status in ('open', 'retry_requested') or (status in ('resolved', 'discarded') and not released))
      """;

  static final String ACTIONABLE = """
      select id, position, aggregate_id, status from eventlog.dead_letters
       where group_name = $1 and (status = 'retry_requested' or (status in ('resolved', 'discarded') and not released))
       order by position
      """;

  static final String COLUMNS = """
      id, group_name, event_id, position, type, version, aggregate_id, envelope::text as envelope,
      error_class, error_message, fingerprint, attempts::text as attempts, status, discard_reason,
      created_at, updated_at, discarded_at
      """;

  static final String LIST = "select " + COLUMNS + """
        from eventlog.dead_letters
       where ($1::text is null or group_name = $1)
         and ($2::text is null or type = $2)
         and ($3::text is null or fingerprint = $3)
         and ($4::text is null or status = $4)
         and id > $5
       order by id
       limit $6
      """;

  static final String SHOW = "select " + COLUMNS + " from eventlog.dead_letters where id = $1";

  static final String REQUEST_RETRY = """
      update eventlog.dead_letters set status = 'retry_requested', updated_at = now()
       where id = $1 and status = 'open'
      returning id
      """;

  static final String REQUEST_RETRY_BY_FINGERPRINT = """
      update eventlog.dead_letters set status = 'retry_requested', updated_at = now()
       where fingerprint = $1 and status = 'open' and ($2::text is null or group_name = $2)
      returning id
      """;

  static final String DISCARD = """
      update eventlog.dead_letters
         set status = 'discarded', discard_reason = $2, discarded_at = now(), released = false, updated_at = now()
       where id = $1 and status = 'open'
      returning id
      """;

  static final String COUNT_OPEN = """
      select group_name, count(*) as open from eventlog.dead_letters where status <> 'resolved' and status <> 'discarded'
       group by group_name
      """;

  static final String PARK = """
      insert into eventlog.parked (group_name, position, aggregate_id) values ($1, $2, $3)
      on conflict do nothing
      """;

  static final String PARKED_OF = """
      select position from eventlog.parked where group_name = $1 and aggregate_id = $2 order by position limit $3
      """;

  static final String UNPARK = "delete from eventlog.parked where group_name = $1 and position = $2";

  static final String NOTIFY_CONTROL = "select pg_notify('eventlog_control', $1)";
}
