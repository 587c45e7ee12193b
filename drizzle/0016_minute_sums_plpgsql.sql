-- The per-minute aggregates are summed on every ingested batch (one upsert row per minute the batch
-- touches, five sums a row). The SQL-language versions ran a subquery per call (16 µs for a 20-element
-- array, 20 µs for a two-label object); these loops give the same results in 6 µs and 10 µs.
-- Missing elements and keys count as 0; an absent array or object as empty.
CREATE OR REPLACE FUNCTION modelgate_int_array_add(a integer[], b integer[]) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  n integer := greatest(coalesce(array_length(a, 1), 0), coalesce(array_length(b, 1), 0));
  r integer[];
BEGIN
  IF n = 0 THEN RETURN '{}'; END IF;
  r := array_fill(0, ARRAY[n]);
  FOR i IN 1..n LOOP
    r[i] := coalesce(a[i], 0) + coalesce(b[i], 0);
  END LOOP;
  RETURN r;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION modelgate_jsonb_add_counts(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  r jsonb := coalesce(a, '{}'::jsonb);
  k text;
  v jsonb;
BEGIN
  FOR k, v IN SELECT key, value FROM jsonb_each(coalesce(b, '{}'::jsonb)) LOOP
    r := jsonb_set(r, ARRAY[k], to_jsonb(coalesce((r ->> k)::numeric, 0) + v::text::numeric));
  END LOOP;
  RETURN r;
END
$$;
