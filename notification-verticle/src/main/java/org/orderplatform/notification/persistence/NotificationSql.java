package org.orderplatform.notification.persistence;

final class NotificationSql {

  private NotificationSql() {
  }

  // An order has one customer; a redelivered OrderPlaced changes nothing. Per channel ($1): the
  // groups never insert one key concurrently, so none waits for another's commit.
  static final String UPSERT_CUSTOMERS = """
      insert into notification.channel_customers (channel, order_id, customer_id)
      select $1, o, c from unnest($2::uuid[], $3::text[]) as u(o, c)
      on conflict (channel, order_id) do nothing
      """;


  static final String CUSTOMERS = """
      select order_id, customer_id from notification.channel_customers where channel = $1 and order_id = any($2::uuid[])
      union all
      -- Noted by a node of the previous version during a rolling upgrade (see V2__customers_per_channel).
      select order_id, customer_id from notification.order_customers where order_id = any($2::uuid[])
      """;

  static final String PREFERENCES = """
      select customer_id, log, webhook_url, email_address from notification.preferences
       where customer_id = any($1::text[])
      """;

  static final String SAVE_PREFERENCES = """
      insert into notification.preferences (customer_id, log, webhook_url, email_address) values ($1, $2, $3, $4)
      on conflict (customer_id) do update
         set log = excluded.log, webhook_url = excluded.webhook_url, email_address = excluded.email_address,
             updated_at = now()
      """;

  // The claim: only the deliveries whose rows this statement inserted may send.
  static final String CLAIM = """
      insert into notification.notifications
             (event_id, channel, notification_id, order_id, customer_id, topic, recipient, status)
      select e, $2, n, o, c, t, r, 'sending'
        from unnest($1::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[]) as x(e, n, o, c, t, r)
      on conflict (event_id, channel) do nothing
      returning event_id
      """;

  static final String STATUSES = """
      select event_id, status from notification.notifications where channel = $1 and event_id = any($2::uuid[])
      """;

  static final String MARK_SENT = """
      update notification.notifications set status = 'sent', done_at = now()
       where channel = $1 and event_id = any($2::uuid[]) and status = 'sending'
      """;

  static final String MARK_REFUSED = """
      update notification.notifications n set status = 'refused', reason = x.reason, done_at = now()
        from unnest($2::uuid[], $3::text[]) as x(event_id, reason)
       where n.channel = $1 and n.event_id = x.event_id and n.status = 'sending'
      """;

  // A failed send gives its claim back, so the retry can send.
  static final String RELEASE = """
      delete from notification.notifications where channel = $1 and event_id = any($2::uuid[]) and status = 'sending'
      """;

  // In the inbox's transaction: each outcome is recorded once, whichever delivery sent it.
  static final String RECORD = """
      update notification.notifications set recorded_at = now()
       where channel = $1 and event_id = any($2::uuid[]) and status in ('sent', 'refused') and recorded_at is null
      returning event_id, notification_id, order_id, topic, status, reason
      """;

  static final String OF_ORDER = """
      select notification_id, event_id, channel, customer_id, topic, recipient, status, reason, claimed_at, done_at
        from notification.notifications where order_id = $1 order by claimed_at, channel
      """;
}
