-- Appends audit rows to the chain in one statement: locks the chain head, gives each row the next
-- sequence number, the time (UTC, milliseconds, as JavaScript's toISOString writes it) and the
-- previous row's hash, joins its canonical text from the four pieces the app sent (a JSON array
-- of strings, four per row) (see
-- canonicalPieces in server/audit/hash.ts), hashes it exactly as verification does
-- (SHA-256 over canonical || prev_hash) and moves the head. The app used to do this in three round
-- trips while holding the head's lock, which every audited change in the workspace waits for.
-- Runs with the caller's privileges (INSERT on audit_events, UPDATE on audit_chain_head).
CREATE OR REPLACE FUNCTION modelgate_append_audit(pieces jsonb)
RETURNS TABLE (appended_seq bigint, appended_hash text, appended_at text)
LANGUAGE plpgsql AS $$
DECLARE
  n integer := jsonb_array_length(pieces);
  at text := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  s bigint;
  prev text;
  c text;
  h text;
BEGIN
  IF n = 0 OR n % 4 <> 0 THEN
    RAISE EXCEPTION 'modelgate_append_audit: pieces come in fours, got %', n;
  END IF;
  SELECT head.seq, head.hash INTO s, prev FROM audit_chain_head AS head WHERE head.id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit chain head is missing: run the migrations';
  END IF;
  FOR i IN 0 .. n / 4 - 1 LOOP
    s := s + 1;
    c := (pieces ->> (4 * i)) || '"' || at || '"' || (pieces ->> (4 * i + 1)) || '"' || prev || '"' || (pieces ->> (4 * i + 2)) || s::text || (pieces ->> (4 * i + 3));
    h := encode(sha256(convert_to(c || prev, 'UTF8')), 'hex');
    INSERT INTO audit_events (canonical, hash) VALUES (c, h);
    prev := h;
    appended_seq := s;
    appended_hash := h;
    appended_at := at;
    RETURN NEXT;
  END LOOP;
  UPDATE audit_chain_head SET seq = s, hash = prev WHERE id = 1;
END
$$;
