-- The order is event-sourced: its events in eventlog.events are the truth. `orders` becomes a read
-- model kept by the order-view projection (rebuildable by replaying the log), so a row may trail
-- its order's stream by a moment; placed_at and updated_at come from the events, not the clock.
truncate orders;
alter table orders add column payment_id uuid;
alter table orders add column refunded boolean not null default false;

-- The saga's stored timers: a leader-elected scanner fires those due, after a crash too.
create table deadlines (
  order_id uuid not null,
  kind     text not null,
  due_at   timestamptz not null,
  primary key (order_id, kind)
);
create index deadlines_due on deadlines (due_at);

-- POST /orders with an Idempotency-Key: the same key and body return the same order, another body
-- with the key is refused. The key row commits with the order's first event.
create table idempotency_keys (
  key          text primary key,
  request_hash text not null,
  order_id     uuid not null,
  created_at   timestamptz not null default now()
);
