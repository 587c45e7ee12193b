CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"content_digest" text NOT NULL,
	"dataset_source" text NOT NULL,
	"dataset_name" text NOT NULL,
	"dataset_sha256" text NOT NULL,
	"dataset_row_count" integer NOT NULL,
	"label_column" text NOT NULL,
	"backend" text NOT NULL,
	"adapter" jsonb,
	"tfjs_version" text NOT NULL,
	"timings" jsonb NOT NULL,
	"threshold" real,
	"metrics" jsonb NOT NULL,
	"evaluated_rows" integer NOT NULL,
	"dropped_rows" integer NOT NULL,
	"predictions_sha256" text NOT NULL,
	"verified" boolean NOT NULL,
	"verification_note" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluations_version_id_created_at_idx" ON "evaluations" USING btree ("version_id","created_at");