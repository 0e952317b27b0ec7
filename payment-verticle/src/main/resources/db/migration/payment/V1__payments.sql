-- One charge per order: the order id is the provider's idempotency key. The row is written as
-- 'requested' before the provider is called (in a statement of its own, outside the inbox's
-- transaction), so a refund knows a charge may exist even when its answer was lost.
create table payments (
  order_id           uuid primary key,
  payment_id         uuid not null,
  amount_minor       bigint not null check (amount_minor >= 0),
  currency           char(3) not null,
  token              text not null,
  status             text not null check (status in ('requested', 'authorized', 'declined', 'unavailable')),
  provider_reference text,
  reason             text,
  requested_at       timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);

-- One refund per order, recorded with the PaymentRefunded it answered; amount 0 when nothing was
-- charged (never requested, declined, or unknown to the provider).
create table refunds (
  order_id           uuid primary key,
  payment_id         uuid not null,
  amount_minor       bigint not null check (amount_minor >= 0),
  currency           char(3) not null,
  provider_reference text,
  reason             text not null,
  refunded_at        timestamptz not null default now()
);
