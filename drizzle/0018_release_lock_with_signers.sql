-- A signature locks its release request and reads the signatures already given, in one statement:
--   select ..., modelgate_release_signers(r.id, r.round) from modelgate_lock_release_request($1) as r
-- The first function returns the request row locked FOR UPDATE (after any wait, the row as it is
-- then). The second is VOLATILE, so its query takes a fresh snapshot when it runs, after the lock is
-- held: it sees every signature committed by whoever held the lock before. (A plain subquery in
-- the same statement would read the statement's snapshot, taken before the wait, and could miss
-- one; this is why these were two round trips, inside the lock every other signer waits for.)
CREATE OR REPLACE FUNCTION modelgate_lock_release_request(request_id uuid) RETURNS SETOF release_requests
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN QUERY SELECT * FROM release_requests WHERE id = request_id FOR UPDATE;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION modelgate_release_signers(request_id uuid, request_round integer) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN (
    SELECT coalesce(jsonb_agg(jsonb_build_object('signerId', d.signer_id, 'signerRoles', d.signer_roles, 'decision', d.decision) ORDER BY d.signed_at), '[]'::jsonb)
    FROM release_decisions d
    WHERE d.request_id = modelgate_release_signers.request_id AND d.round = request_round
  );
END
$$;
