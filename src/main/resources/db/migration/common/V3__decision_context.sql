-- What each decision was made on: the snapshot's time and price, why its prompt version was chosen (active, requested,
-- or an A/B arm), and what execution did with it. One column per statement: H2 and PostgreSQL both accept this form.
ALTER TABLE decisions ADD COLUMN snapshot_at timestamp with time zone;
ALTER TABLE decisions ADD COLUMN snapshot_price numeric;
ALTER TABLE decisions ADD COLUMN version_choice ${text};
ALTER TABLE decisions ADD COLUMN execution_status ${text};
