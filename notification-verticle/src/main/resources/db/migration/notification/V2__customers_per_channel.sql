-- Each channel's group notes the customers of the placements it takes in rows of its own. With one
-- shared row per order, the three groups inserting the same key in their own transactions made each
-- wait for the others' commits (an insert that meets an uncommitted duplicate waits for it), and
-- every such wait held the server's xmin, and with it the log's sequencer, back.
create table channel_customers (
  channel     text not null,
  order_id    uuid not null,
  customer_id text not null,
  primary key (channel, order_id)
);

insert into channel_customers (channel, order_id, customer_id)
select c.channel, o.order_id, o.customer_id
  from order_customers o cross join (values ('log'), ('webhook'), ('email')) as c(channel);

drop table order_customers;
