-- Two batches (or two instances) may create the same day's partition at once: the loser of that
-- race used to fail with 42P07 (duplicate_table) and its batch with it. Now it counts the day as
-- existing and goes on. Replacing the function keeps SECURITY DEFINER where scripts/db-roles.sql set
-- it only if re-run; `npm run db:migrate` says when.
CREATE OR REPLACE FUNCTION modelgate_ensure_event_partitions(from_day date, to_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  d date := from_day;
  created integer := 0;
  name text;
BEGIN
  WHILE d <= to_day LOOP
    name := 'prediction_events_' || to_char(d, 'YYYYMMDD');
    IF to_regclass(name) IS NULL THEN
      BEGIN
        EXECUTE format('CREATE TABLE %I PARTITION OF prediction_events FOR VALUES FROM (%L) TO (%L)',
          name, (d::timestamp AT TIME ZONE 'UTC'), ((d + 1)::timestamp AT TIME ZONE 'UTC'));
        created := created + 1;
      EXCEPTION WHEN duplicate_table THEN
        NULL; -- created by a concurrent caller a moment ago
      END;
    END IF;
    d := d + 1;
  END LOOP;
  RETURN created;
END;
$$;
