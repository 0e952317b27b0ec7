package org.orderplatform.messaging.dispatch;

import org.orderplatform.messaging.leader.LeaseSql;

final class DispatchSql {

  private DispatchSql() {
  }

  static final String REGISTER = """
      insert into eventlog.subscriptions (group_name, types) values ($1, $2)
      on conflict (group_name) do update set types = excluded.types
      """;

  static final String STATE = "select cursor, epoch, reset_pending from eventlog.subscriptions where group_name = $1";

  // Guarded by the epoch (a save computed before an operator's replay must not undo it) and
  // fenced by the term (a deposed leader's save must not move a new leader's cursor). Says which:
  // a save that is not current is a term that is over; a current one that saved nothing, a replay.
  static final String SAVE_CURSOR = """
      with fence as (%s),
           saved as (
             update eventlog.subscriptions set cursor = $2, cursor_term = $5, updated_at = now()
              where group_name = $1 and epoch = $3 and exists (select 1 from fence)
             returning 1)
      select exists (select 1 from fence) as current, exists (select 1 from saved) as saved
      """.formatted(LeaseSql.leaseRow(4, 5));

  // First statement of a rebuild's transaction: a deposed leader's rebuild is not current and rolls
  // back; a current one that cleared nothing met a replay asked for meanwhile, and starts again.
  static final String CLEAR_RESET = """
      with fence as (%s),
           cleared as (
             update eventlog.subscriptions set reset_pending = false
              where group_name = $1 and epoch = $2 and exists (select 1 from fence)
             returning 1)
      select exists (select 1 from fence) as current, exists (select 1 from cleared) as cleared
      """.formatted(LeaseSql.leaseRow(3, 4));

  static final String FORGET_INBOX = "delete from eventlog.inbox where group_name = $1";
}
