-- Groups read only their own types after their cursor; without this index a group whose types
-- are rare scans every other group's events to find its next one.
create index events_type_position on events (type, position) where position is not null;
