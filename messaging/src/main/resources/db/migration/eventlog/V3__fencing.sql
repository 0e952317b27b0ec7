-- One row per leader-elected role (the sequencer, each group's dispatcher). Every election bumps
-- the term; every write a leader makes is conditional on its term still being current, so a leader
-- that lost its lock without noticing (a silent network partition) cannot write after the next
-- one starts.
create table leases (
  name     text primary key,
  term     bigint not null default 0,
  taken_at timestamptz not null default now()
);

-- The term that wrote a row: an audit trail, and how the fencing tests tell old terms from new.
alter table subscriptions add column cursor_term bigint not null default 0;
alter table dead_letters add column term bigint not null default 0;
alter table parked add column term bigint not null default 0;
