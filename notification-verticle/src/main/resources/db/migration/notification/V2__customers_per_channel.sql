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

-- No note of a node still running the previous version may land between the copy and its end.
lock table order_customers in exclusive mode;

insert into channel_customers (channel, order_id, customer_id)
select c.channel, o.order_id, o.customer_id
  from order_customers o cross join (values ('log'), ('webhook'), ('email')) as c(channel);

-- order_customers stays, read as well, for the notes a node of the previous version writes while
-- a cluster is upgraded one node at a time; a later release drops it.
