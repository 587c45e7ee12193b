CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"run_count" integer DEFAULT 0 NOT NULL,
	"last_finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_result" jsonb,
	"last_instance" text
);
