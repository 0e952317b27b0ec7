-- The simulated provider's ledger: one row per idempotency key, so the same key always answers
-- the same (the same charge id, the same decline) and never takes a second charge. It lives in
-- PostgreSQL so it survives a restart, as a real provider's would.
create table charges (
  idempotency_key text primary key,
  charge_id       text not null unique,
  amount_minor    bigint not null check (amount_minor >= 0),
  currency        char(3) not null,
  token           text not null,
  outcome         text not null check (outcome in ('charged', 'declined')),
  decline_reason  text,
  created_at      timestamptz not null default now(),
  check ((outcome = 'declined') = (decline_reason is not null))
);

-- At most one refund per charge (unique charge_key), of at most the charged amount.
create table refunds (
  idempotency_key text primary key,
  refund_id       text not null unique,
  charge_key      text not null unique references charges (idempotency_key),
  amount_minor    bigint not null check (amount_minor > 0),
  currency        char(3) not null,
  created_at      timestamptz not null default now()
);
