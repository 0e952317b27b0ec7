-- One decision per order, reserved or rejected. A replay of the inventory group re-delivers
-- OrderPlaced with the inbox forgotten; the decision row is what keeps the answer the same
-- (and the stock untouched) the second time, whatever the stock is by then.
create table decisions (
  order_id    uuid primary key,
  outcome     text not null check (outcome in ('reserved', 'rejected')),
  decided_at  timestamptz not null default now()
);
