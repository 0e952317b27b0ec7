-- The event log is every service's outbox: events are appended in the same transaction as the
-- state change that caused them, and read by subscriber groups in `position` order.
create table events (
  id           bigserial primary key,
  -- Assigned by the single sequencer, only once every transaction that could still insert a lower
  -- id has ended (see Sequencer). Null until then; readers never see unsequenced rows.
  position     bigint unique,
  event_id     uuid not null unique,
  type         text not null,
  version      int not null,
  aggregate_id text not null,
  payload      jsonb not null,
  headers      jsonb not null,
  tx           xid8 not null default pg_current_xact_id(),
  recorded_at  timestamptz not null default now()
);
create index events_unsequenced on events (id) where position is null;
create index events_recorded_at on events (recorded_at);

create table subscriptions (
  group_name     text primary key,
  types          text[] not null,
  cursor         bigint not null default 0,
  -- Bumped by every replay or rebuild, so a dispatcher notices that its in-memory cursor is stale.
  epoch          bigint not null default 0,
  reset_pending  boolean not null default false,
  updated_at     timestamptz not null default now()
);

create table inbox (
  group_name text not null,
  event_id   uuid not null,
  handled_at timestamptz not null default now(),
  primary key (group_name, event_id)
);

create table dead_letters (
  id             bigserial primary key,
  group_name     text not null,
  event_id       uuid not null,
  position       bigint not null,
  type           text not null,
  version        int not null,
  aggregate_id   text not null,
  envelope       jsonb not null,
  error_class    text not null,
  error_message  text not null,
  fingerprint    text not null,
  attempts       jsonb not null,
  -- open: parks the aggregate; retry_requested / discarded: the dispatcher will act on it;
  -- resolved: redelivered successfully; discard_reason + discarded_at keep the audit trail.
  status         text not null default 'open'
                 check (status in ('open', 'retry_requested', 'resolved', 'discarded')),
  released       boolean not null default false,
  discard_reason text,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  discarded_at   timestamptz
);
create index dead_letters_group_status on dead_letters (group_name, status);
create index dead_letters_fingerprint on dead_letters (fingerprint);
create unique index dead_letters_one_live_per_event on dead_letters (group_name, event_id)
  where status in ('open', 'retry_requested');

-- Later events of an aggregate whose event is dead-lettered wait here, in order, until the dead
-- letter is retried successfully or discarded.
create table parked (
  group_name   text not null,
  position     bigint not null,
  aggregate_id text not null,
  parked_at    timestamptz not null default now(),
  primary key (group_name, position)
);
create index parked_aggregate on parked (group_name, aggregate_id, position);
