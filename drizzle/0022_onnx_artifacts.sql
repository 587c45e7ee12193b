ALTER TABLE "model_versions" ADD COLUMN "artifact_info" jsonb;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "raw_feature_inputs" jsonb;