-- Parses the ISO-8601 UTC timestamps ("...Z") that audit rows carry. Declared IMMUTABLE so a
-- generated column can use it: with an explicit "Z" the result does not depend on TimeZone.
CREATE OR REPLACE FUNCTION modelgate_utc_timestamp(value text) RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT value::timestamptz $$;
