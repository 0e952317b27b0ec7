package org.orderplatform.messaging.inbox;

final class InboxSql {

  private InboxSql() {
  }

  // Read outside any transaction, before a handler calls out; the CLAIM still decides.
  static final String HANDLED = "select event_id from eventlog.inbox where group_name = $1 and event_id = any($2::uuid[])";

  // ON CONFLICT instead of catching 23505: a failed insert would abort the whole transaction.
  // A concurrent duplicate waits on the first one's row lock and then sees the conflict.
  //
  // The fence: with sender headers ($3 epoch, $4 lease, $5 term) the rows are claimed only while
  // that epoch and term are current, and FOR KEY SHARE holds both rows until this transaction
  // ends. A replay, a rebuild or an election takes FOR UPDATE on them, so it waits for this
  // transaction, and every claim after it sees the new epoch or term and claims nothing.
  // Returns one row per claimed id, or one row with a null id when none was claimed; every row
  // says whether the sender is current (false when fenced out).
  static final String CLAIM = """
      with fence as (
        select 1 from eventlog.subscriptions s, eventlog.leases l
         where s.group_name = $1 and s.epoch = $3 and l.name = $4 and l.term = $5
         for key share of s, l
      ), claimed as (
        insert into eventlog.inbox (group_name, event_id)
        select $1, id from unnest($2::uuid[]) as id
         where $3::bigint is null or exists (select 1 from fence)
        on conflict do nothing
        returning event_id
      )
      select ($3::bigint is null or exists (select 1 from fence)) as current, claimed.event_id
        from (select 1) as one left join claimed on true
      """;
}
