-- An event-sourced aggregate (the order) numbers its own events 1, 2, 3…: of two writers that
-- read version N and both append N+1, the unique index lets one commit and fails the other, which
-- reloads and decides again. Other services' events about the same aggregate id carry no version
-- (nulls never collide), and the index also serves every read of one aggregate's events.
alter table events add column stream_version int;
create unique index events_stream on events (aggregate_id, stream_version);
