-- GET /orders lists newest first, by (placed_at, order_id), a customer's or a status's orders or
-- all of them, a page at a time from a keyset cursor: each filter has an index in that order, so
-- a page costs the same at the millionth order as at the first.
create index orders_by_customer on orders (customer_id, placed_at desc, order_id desc);
create index orders_by_status on orders (status, placed_at desc, order_id desc);
create index orders_by_time on orders (placed_at desc, order_id desc);
