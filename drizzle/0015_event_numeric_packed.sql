-- Numeric feature values move from float8[] to one bytea of big-endian float8s (NaN = missing):
-- COPY BINARY sends a bytea as one memcpy instead of a send call per array element.
CREATE FUNCTION "modelgate_pack_float8"(float8[]) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(string_agg(float8send(coalesce(x, 'NaN'::float8)), ''::bytea ORDER BY o), ''::bytea) FROM unnest($1) WITH ORDINALITY AS t(x, o)
$$;--> statement-breakpoint
ALTER TABLE "prediction_events" ALTER COLUMN "numeric" SET DATA TYPE bytea USING "modelgate_pack_float8"("numeric");--> statement-breakpoint
DROP FUNCTION "modelgate_pack_float8"(float8[]);
