CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_chain_head_single_row" CHECK ("audit_chain_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"canonical" text NOT NULL,
	"hash" text NOT NULL,
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS (((canonical::jsonb ->> 'seq')::bigint)) STORED NOT NULL,
	"occurred_at" timestamp (3) with time zone GENERATED ALWAYS AS (modelgate_utc_timestamp(canonical::jsonb ->> 'occurredAt')) STORED NOT NULL,
	"actor_type" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'actorType')) STORED NOT NULL,
	"actor_id" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'actorId')) STORED,
	"actor_name" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'actorName')) STORED NOT NULL,
	"actor_roles" jsonb GENERATED ALWAYS AS ((canonical::jsonb -> 'actorRoles')) STORED NOT NULL,
	"action" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'action')) STORED NOT NULL,
	"entity_type" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'entityType')) STORED NOT NULL,
	"entity_id" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'entityId')) STORED NOT NULL,
	"before" jsonb GENERATED ALWAYS AS (nullif(canonical::jsonb -> 'before', 'null'::jsonb)) STORED,
	"after" jsonb GENERATED ALWAYS AS (nullif(canonical::jsonb -> 'after', 'null'::jsonb)) STORED,
	"changed_fields" jsonb GENERATED ALWAYS AS ((canonical::jsonb -> 'changedFields')) STORED NOT NULL,
	"reason" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'reason')) STORED,
	"request_id" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'requestId')) STORED,
	"ip" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'ip')) STORED,
	"user_agent" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'userAgent')) STORED,
	"prev_hash" text GENERATED ALWAYS AS ((canonical::jsonb ->> 'prevHash')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_attempts_email_at_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_id_idx" ON "audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action");