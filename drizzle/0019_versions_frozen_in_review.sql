-- While a release request for a version is pending or approved, the version is exactly what its
-- signers sign for: any change to its row (input/output schema and class labels, preprocessing,
-- model card, reference dataset, description, metrics, lineage; artifacts and digest are frozen
-- from submission on by model_versions_frozen) is refused. The services refuse first with a clear
-- message (server/services/catalog/frozen.ts); this makes it hold for any future writer too.
-- Comparing the whole row (less the two timestamps) covers columns added later without a change here.
-- SQLSTATE MGF01 is mapped to a CONFLICT by the services (server/services/mutate.ts).
CREATE OR REPLACE FUNCTION model_versions_freeze_in_review() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  open_request integer;
BEGIN
  IF (to_jsonb(NEW) - 'updated_at' - 'submitted_at') IS DISTINCT FROM (to_jsonb(OLD) - 'updated_at' - 'submitted_at') THEN
    SELECT r.number INTO open_request FROM release_requests r
      WHERE r.version_id = OLD.id AND r.state IN ('pending', 'approved') LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'Version % is under review in REL-%: what its signers sign for cannot change while the request is pending or approved. Withdraw the request, make the change, and submit again.', OLD.version, open_request
        USING ERRCODE = 'MGF01';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER model_versions_frozen_in_review BEFORE UPDATE ON model_versions
  FOR EACH ROW EXECUTE FUNCTION model_versions_freeze_in_review();
--> statement-breakpoint
-- A reference dataset is evidence (its digest is what evaluations and gates are matched on) and is
-- stored once, never rewritten: a version points at another dataset instead.
CREATE TRIGGER datasets_no_update BEFORE UPDATE OR DELETE ON datasets
  FOR EACH ROW EXECUTE FUNCTION release_evidence_refuse_change();
