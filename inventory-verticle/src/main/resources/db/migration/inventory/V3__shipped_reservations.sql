-- A reservation whose shipment was dispatched is 'shipped': its units left the shelf (on hand and
-- reserved both dropped), so it can be neither released nor shipped again.
alter table reservations drop constraint reservations_status_check;
alter table reservations add constraint reservations_status_check
  check (status in ('reserved', 'released', 'shipped'));
