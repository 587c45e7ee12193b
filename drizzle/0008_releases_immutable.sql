-- Signatures and the state history of release requests are evidence: once written they never change.
CREATE OR REPLACE FUNCTION release_evidence_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER release_decisions_no_update BEFORE UPDATE OR DELETE ON release_decisions
  FOR EACH ROW EXECUTE FUNCTION release_evidence_refuse_change();
--> statement-breakpoint
CREATE TRIGGER release_transitions_no_update BEFORE UPDATE OR DELETE ON release_transitions
  FOR EACH ROW EXECUTE FUNCTION release_evidence_refuse_change();
--> statement-breakpoint
-- Once a version is submitted for release its artifacts and digest are frozen.
CREATE OR REPLACE FUNCTION model_versions_freeze_submitted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.submitted_at IS NOT NULL AND (
       NEW.submitted_at IS DISTINCT FROM OLD.submitted_at
    OR NEW.content_digest IS DISTINCT FROM OLD.content_digest
    OR NEW.total_bytes IS DISTINCT FROM OLD.total_bytes
    OR NEW.format IS DISTINCT FROM OLD.format
    OR NEW.model_id IS DISTINCT FROM OLD.model_id
    OR NEW.version IS DISTINCT FROM OLD.version) THEN
    RAISE EXCEPTION 'model version % was submitted for release: its artifacts and digest are frozen', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER model_versions_frozen BEFORE UPDATE ON model_versions
  FOR EACH ROW EXECUTE FUNCTION model_versions_freeze_submitted();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION version_files_freeze_submitted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM model_versions WHERE id = v AND submitted_at IS NOT NULL) THEN
    RAISE EXCEPTION 'model version % was submitted for release: its files are frozen', v
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER version_files_frozen BEFORE INSERT OR UPDATE OR DELETE ON version_files
  FOR EACH ROW EXECUTE FUNCTION version_files_freeze_submitted();
