-- One shipment per order: the unique order id is what makes a second DeliveryRequested schedule
-- nothing new (the insert does nothing, and nothing is announced).
create table shipments (
  delivery_id        uuid primary key,
  order_id           uuid not null unique,
  customer_id        text not null,
  address            jsonb not null,
  lines              jsonb not null,
  carrier            text not null,
  tracking_number    text not null unique,
  scheduled_for      timestamptz not null,
  estimated_delivery date not null,
  status             text not null check (status in ('scheduled', 'dispatched', 'delivered', 'failed', 'cancelled')),
  reason             text,
  delivered_at       timestamptz,
  -- Set only while DELIVERY_AUTOPROGRESS is on and the shipment has a step left: the scanner
  -- claims due rows with FOR UPDATE SKIP LOCKED, so several JVMs never take the same step twice,
  -- and a crash loses nothing (the due time is here, not in a timer).
  next_step_at       timestamptz,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);

create index shipments_next_step on shipments (next_step_at) where next_step_at is not null;
