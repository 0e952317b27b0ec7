package org.orderplatform.messaging.inbox;

final class InboxSql {

  private InboxSql() {
  }

  // ON CONFLICT instead of catching 23505: a failed insert would abort the whole transaction.
  // A concurrent duplicate waits on the first one's row lock and then sees the conflict.
  static final String CLAIM = """
      insert into eventlog.inbox (group_name, event_id) values ($1, $2)
      on conflict do nothing
      """;

  static final String CLAIM_MANY = """
      insert into eventlog.inbox (group_name, event_id)
      select $1, id from unnest($2::uuid[]) as id
      on conflict do nothing
      returning event_id
      """;
}
