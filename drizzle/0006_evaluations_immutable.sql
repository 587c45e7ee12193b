-- Saved evaluations are evidence for release approvals: once written they never change.
CREATE OR REPLACE FUNCTION evaluations_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evaluations are immutable: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER evaluations_no_update BEFORE UPDATE ON evaluations
  FOR EACH ROW EXECUTE FUNCTION evaluations_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evaluations_no_delete BEFORE DELETE ON evaluations
  FOR EACH ROW EXECUTE FUNCTION evaluations_refuse_change();
