-- An event-sourced aggregate (the order) numbers its own events 1, 2, 3…: of two writers that
-- read version N and both append N+1, the unique index lets one commit and fails the other, which
-- reloads and decides again. Other services' events about the same aggregate id carry no version
-- and are not in this index: it stays small, and so do the reads of a stream through it.
alter table events add column stream_version int;
create unique index events_stream on events (aggregate_id, stream_version) where stream_version is not null;
-- An aggregate's whole history (its own stream and the other services' events about it).
create index events_aggregate on events (aggregate_id);

-- The sequencer finds unsequenced rows through events_unsequenced, in id order. The unique index on
-- position held a null entry for every row and every dead version of one, and the planner, on
-- stale statistics, read the unsequenced rows through it: a bitmap scan over every dead version
-- (18 ms a pass at 500 orders/s, where the partial index takes a fraction of one). Positions stay
-- unique; nulls are simply not indexed.
alter table events drop constraint events_position_key;
create unique index events_position on events (position) where position is not null;

-- Every event is inserted, then updated once by the sequencer, which leaves a dead version behind;
-- under a steady load the default autovacuum (at 20% dead rows) lets them pile up in every index,
-- and each read of an aggregate or of the unsequenced rows wades through them. Vacuum this table
-- early and without the cost-based pauses.
alter table events set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
                        autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_cost_delay = 0);
