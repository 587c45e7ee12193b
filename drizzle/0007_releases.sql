CREATE TABLE "model_release_rules" (
	"model_id" uuid PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"decision" text NOT NULL,
	"signer_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"signer_email" text NOT NULL,
	"signer_roles" text[] NOT NULL,
	"counted_as" text,
	"meaning" text NOT NULL,
	"reason" text NOT NULL,
	"signed_digest" text NOT NULL,
	"auth_method" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_policies" (
	"risk_tier" text PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "release_requests_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text DEFAULT 'release' NOT NULL,
	"model_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"alias" text NOT NULL,
	"state" text NOT NULL,
	"change_summary" text NOT NULL,
	"expected_impact" text NOT NULL,
	"rollback_plan" text NOT NULL,
	"snapshot" jsonb,
	"round" integer DEFAULT 0 NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"rollback_target_version" integer,
	"rolled_back_at" timestamp with time zone,
	"follow_up_of" uuid
);
--> statement-breakpoint
CREATE TABLE "release_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "model_release_rules" ADD CONSTRAINT "model_release_rules_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_comments" ADD CONSTRAINT "release_comments_request_id_release_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."release_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_decisions" ADD CONSTRAINT "release_decisions_request_id_release_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."release_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_requests" ADD CONSTRAINT "release_requests_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_transitions" ADD CONSTRAINT "release_transitions_request_id_release_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."release_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "release_comments_request_id_created_at_idx" ON "release_comments" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "release_decisions_request_id_idx" ON "release_decisions" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "release_decisions_signer_id_idx" ON "release_decisions" USING btree ("signer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "release_requests_number_idx" ON "release_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "release_requests_model_id_alias_state_idx" ON "release_requests" USING btree ("model_id","alias","state");--> statement-breakpoint
CREATE INDEX "release_requests_state_expires_at_idx" ON "release_requests" USING btree ("state","expires_at");--> statement-breakpoint
CREATE INDEX "release_requests_requested_by_idx" ON "release_requests" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "release_requests_updated_at_idx" ON "release_requests" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "release_transitions_request_id_at_idx" ON "release_transitions" USING btree ("request_id","at");