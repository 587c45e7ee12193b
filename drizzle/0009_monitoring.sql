CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"environment" text NOT NULL,
	"alias" text DEFAULT 'production' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingestion_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deployment_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "prediction_event_ids" (
	"deployment_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"version_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	CONSTRAINT "prediction_event_ids_deployment_id_event_id_pk" PRIMARY KEY("deployment_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "prediction_events" (
	"deployment_id" uuid NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"version_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"numeric" double precision[] NOT NULL,
	"categorical" text[] NOT NULL,
	"prediction_label" text,
	"prediction_value" double precision,
	"probabilities" real[],
	"latency_ms" real,
	CONSTRAINT "prediction_events_deployment_id_ts_event_id_pk" PRIMARY KEY("deployment_id","ts","event_id")
) PARTITION BY RANGE ("ts");
--> statement-breakpoint
CREATE TABLE "prediction_labels" (
	"deployment_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"version_id" uuid NOT NULL,
	"label" text,
	"value" double precision,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prediction_labels_deployment_id_event_id_pk" PRIMARY KEY("deployment_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "prediction_minutes" (
	"deployment_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"latency_count" integer NOT NULL,
	"latency_sum" double precision NOT NULL,
	"latency_buckets" integer[] NOT NULL,
	"predictions" jsonb NOT NULL,
	"prediction_sum" double precision NOT NULL,
	"missing" integer[] NOT NULL,
	"out_of_range" integer[] NOT NULL,
	"unknown_category" integer[] NOT NULL,
	"type_errors" integer NOT NULL,
	CONSTRAINT "prediction_minutes_deployment_id_bucket_version_id_pk" PRIMARY KEY("deployment_id","bucket","version_id")
);
--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingestion_keys" ADD CONSTRAINT "ingestion_keys_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prediction_minutes" ADD CONSTRAINT "prediction_minutes_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_model_id_environment_idx" ON "deployments" USING btree ("model_id",lower("environment"));--> statement-breakpoint
CREATE UNIQUE INDEX "ingestion_keys_key_hash_idx" ON "ingestion_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "ingestion_keys_deployment_id_idx" ON "ingestion_keys" USING btree ("deployment_id");--> statement-breakpoint
CREATE INDEX "prediction_event_ids_ts_idx" ON "prediction_event_ids" USING btree ("ts");--> statement-breakpoint
CREATE INDEX "prediction_labels_deployment_id_ts_idx" ON "prediction_labels" USING btree ("deployment_id","ts");