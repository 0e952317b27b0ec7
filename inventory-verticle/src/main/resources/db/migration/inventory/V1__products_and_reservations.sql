create table products (
  sku         text primary key,
  name        text not null,
  price_minor bigint not null check (price_minor >= 0),
  currency    char(3) not null,
  -- Stock is conserved: on_hand = reserved + available, with both parts never negative.
  on_hand     int not null check (on_hand >= 0),
  reserved    int not null default 0 check (reserved >= 0 and reserved <= on_hand),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table reservations (
  order_id    uuid not null,
  sku         text not null references products (sku),
  quantity    int not null check (quantity > 0),
  status      text not null check (status in ('reserved', 'released')),
  created_at  timestamptz not null default now(),
  primary key (order_id, sku)
);
