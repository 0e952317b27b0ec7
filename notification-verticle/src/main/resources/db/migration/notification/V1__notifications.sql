-- The service's own copy of which customer placed which order (from OrderPlaced): the events it
-- notifies about carry no customer id. Rebuildable from the log (group notification-customers).
create table order_customers (
  order_id    uuid primary key,
  customer_id text not null
);

-- A customer's channels; a customer without a row gets the log channel only.
create table preferences (
  customer_id   text primary key,
  log           boolean not null,
  webhook_url   text,
  email_address text,
  updated_at    timestamptz not null default now()
);

-- One row per (event, channel): the claim taken before a message is sent, in a statement of its
-- own, and then its outcome. It is never deleted once the message went out, and a replay does not
-- touch it (a replay forgets only the inbox), so a message is sent at most once per event and
-- channel. 'sending': claimed, the send under way (or its process died mid-send: whether it went
-- out is unknown, so it is not sent again); 'sent' and 'refused': the outcome, recorded with
-- CustomerNotified or NotificationFailed in the inbox's transaction (recorded_at). A failed send
-- deletes its claim so the retry can send.
create table notifications (
  event_id        uuid not null,
  channel         text not null check (channel in ('log', 'webhook', 'email')),
  notification_id uuid not null unique,
  order_id        uuid not null,
  customer_id     text not null,
  topic           text not null,
  recipient       text,
  status          text not null check (status in ('sending', 'sent', 'refused')),
  reason          text,
  claimed_at      timestamptz not null default now(),
  done_at         timestamptz,
  recorded_at     timestamptz,
  primary key (event_id, channel)
);
create index notifications_order on notifications (order_id);
