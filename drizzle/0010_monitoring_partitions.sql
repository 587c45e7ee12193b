-- Prediction events live in one partition per UTC day. A default partition catches anything
-- outside the created days (ingestion refuses timestamps outside the retention window and the
-- near future, so it stays empty in practice); the scheduler creates days ahead and drops old ones.
CREATE TABLE prediction_events_default PARTITION OF prediction_events DEFAULT;
--> statement-breakpoint
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
      EXECUTE format('CREATE TABLE %I PARTITION OF prediction_events FOR VALUES FROM (%L) TO (%L)',
        name, (d::timestamp AT TIME ZONE 'UTC'), ((d + 1)::timestamp AT TIME ZONE 'UTC'));
      created := created + 1;
    END IF;
    d := d + 1;
  END LOOP;
  RETURN created;
END;
$$;
--> statement-breakpoint
-- Drops whole days older than the retention, with their event ids and labels.
CREATE OR REPLACE FUNCTION modelgate_drop_event_partitions(before_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  part record;
  dropped integer := 0;
BEGIN
  FOR part IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'prediction_events'::regclass AND c.relname ~ '^prediction_events_\d{8}$'
      AND to_date(substring(c.relname from '\d{8}$'), 'YYYYMMDD') < before_day
  LOOP
    EXECUTE format('DROP TABLE %I', part.relname);
    dropped := dropped + 1;
  END LOOP;
  DELETE FROM prediction_event_ids WHERE ts < (before_day::timestamp AT TIME ZONE 'UTC');
  DELETE FROM prediction_labels WHERE ts < (before_day::timestamp AT TIME ZONE 'UTC');
  DELETE FROM prediction_minutes WHERE bucket < (before_day::timestamp AT TIME ZONE 'UTC');
  RETURN dropped;
END;
$$;
--> statement-breakpoint
-- Element-wise sum of two integer arrays of the same length (per-feature quality counts).
CREATE OR REPLACE FUNCTION modelgate_int_array_add(a integer[], b integer[]) RETURNS integer[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i), '{}')
  FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
$$;
--> statement-breakpoint
-- Sum of two {label: count} objects.
CREATE OR REPLACE FUNCTION modelgate_jsonb_add_counts(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM (
    SELECT k, sum(v::numeric) AS v FROM (
      SELECT key AS k, value::text AS v FROM jsonb_each(a)
      UNION ALL
      SELECT key, value::text FROM jsonb_each(b)
    ) s GROUP BY k
  ) t
$$;
