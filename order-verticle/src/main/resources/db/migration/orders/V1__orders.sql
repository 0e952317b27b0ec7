-- Current state of each order, folded from its events and written in the same transaction as
-- them; the events in eventlog.events remain the source of truth.
create table orders (
  order_id         uuid primary key,
  customer_id      text not null,
  status           text not null,
  lines            jsonb not null,
  total_minor      bigint not null,
  currency         char(3) not null,
  shipping_address jsonb not null,
  reason           text,
  version          int not null,
  placed_at        timestamptz not null,
  updated_at       timestamptz not null
);

-- Prices of products, projected from the inventory's ProductAdded events, so an order can be
-- priced without a synchronous call to another service.
create table catalog (
  sku         text primary key,
  name        text not null,
  price_minor bigint not null,
  currency    char(3) not null
);
