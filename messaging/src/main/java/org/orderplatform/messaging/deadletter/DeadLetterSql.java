package org.orderplatform.messaging.deadletter;

import org.orderplatform.messaging.Addresses;
import org.orderplatform.messaging.leader.LeaseSql;

final class DeadLetterSql {

  private DeadLetterSql() {
  }

  // Fenced ($12 lease, $13 term). A second dead letter for an event that already has a live one
  // (a re-election or split brain can deliver it again) merges into it instead of failing on the
  // one-live-per-event index forever.
  static final String INSERT = """
      insert into eventlog.dead_letters
        (group_name, event_id, position, type, version, aggregate_id, envelope, error_class, error_message,
         fingerprint, attempts, term)
      select $1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10, $11::text::jsonb, $13
       where %s
      on conflict (group_name, event_id) where status in ('open', 'retry_requested')
      do update set status = 'open', error_class = excluded.error_class, error_message = excluded.error_message,
                    fingerprint = excluded.fingerprint, attempts = eventlog.dead_letters.attempts || excluded.attempts,
                    term = excluded.term, updated_at = now()
      returning id
      """.formatted(LeaseSql.fence(12, 13));

  static final String REOPEN = """
      update eventlog.dead_letters
         set status = 'open', error_class = $2, error_message = $3, fingerprint = $4,
             attempts = attempts || $5::text::jsonb, term = $7, updated_at = now()
       where id = $1 and %s
      returning id
      """.formatted(LeaseSql.fence(6, 7));

  // Not yet released: the aggregate stays held until its parked events have flowed (see RELEASE),
  // so a leader that dies half-way leaves the rest for the next one.
  // Resolve and release are fenced by the epoch too ($4 group, $5 epoch): a replay locks the group's
  // row FOR UPDATE, so a dispatcher still finishing an action of the epoch before either lands its
  // write before the replay (and the next epoch loads it) or matches nothing. Says which fence held.
  static final String RESOLVE = fencedByEpoch("status = 'resolved'");

  static final String RELEASE = fencedByEpoch("released = true");

  private static String fencedByEpoch(String change) {
    return """
        with term as (%s),
             epoch as (select 1 from eventlog.subscriptions where group_name = $4 and epoch = $5 for key share),
             done as (
               update eventlog.dead_letters set %s, term = $3, updated_at = now()
                where id = $1 and exists (select 1 from term) and exists (select 1 from epoch)
               returning id)
        select exists (select 1 from term) as term_current, exists (select 1 from epoch) as epoch_current
        """.formatted(LeaseSql.leaseRow(2, 3), change);
  }

  // Every dead letter that still holds its aggregate: live ones, and resolved or discarded ones
  // whose parked events have not flowed yet.
  static final String HOLDS = """
      select aggregate_id, position, status from eventlog.dead_letters
       where group_name = $1
         and (status in ('open', 'retry_requested') or (status in ('resolved', 'discarded') and not released))
      """;

  static final String DISCARDED = """
      select position from eventlog.dead_letters where group_name = $1 and status = 'discarded'
      """;

  // Paged in position order, so the lowest dead letter of an aggregate comes first.
  static final String ACTIONABLE = """
      select id, position, aggregate_id, status from eventlog.dead_letters
       where group_name = $1 and (status = 'retry_requested' or (status in ('resolved', 'discarded') and not released))
         and (position, id) > ($2, $3)
       order by position, id
       limit $4
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

  // The no-op update makes a repeated park return its row, so no row means fenced out.
  static final String PARK = """
      insert into eventlog.parked (group_name, position, aggregate_id, term)
      select $1, $2, $3, $5 where %s
      on conflict (group_name, position) do update set term = excluded.term
      returning position
      """.formatted(LeaseSql.fence(4, 5));

  static final String PARKED_OF = """
      select position from eventlog.parked
       where group_name = $1 and aggregate_id = $2 and position < $3
       order by position limit $4
      """;

  static final String UNPARK = """
      with fence as (%s),
           gone as (delete from eventlog.parked where group_name = $1 and position = $2 and exists (select 1 from fence))
      select exists (select 1 from fence) as current
      """.formatted(LeaseSql.leaseRow(3, 4));

  static final String NOTIFY_CONTROL = "select pg_notify('" + Addresses.CONTROL_CHANNEL + "', $1)";
}
