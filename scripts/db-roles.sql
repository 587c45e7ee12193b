-- Least-privilege roles for a real Postgres deployment of Modelgate.
--
-- The owner role runs the migrations and so owns every table and function; the app connects as
-- the app role, which reads and writes the domain tables but may only SELECT and INSERT on
-- audit_events, creates no schema or table, and does not migrate (start it with MODELGATE_MIGRATE=0).
--
-- Run as a superuser on the app's database after `npm run db:migrate` (run as the owner), and again
-- after every later migration: it is idempotent, and a migration that replaces a function resets
-- what this script sets on it.
--   psql "postgres://postgres@host/modelgate" -v ON_ERROR_STOP=1 \
--     -v app_role=modelgate_app -v app_password='...' -f scripts/db-roles.sql
-- The owner is whoever owns audit_events; the app role is created if it does not exist.
SELECT set_config('modelgate.app_role', :'app_role', false);

DO $$
DECLARE
  app text := current_setting('modelgate.app_role');
  owner text;
BEGIN
  SELECT tableowner INTO owner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_events';
  IF owner IS NULL THEN
    RAISE EXCEPTION 'audit_events not found in this database: run npm run db:migrate as the owner role first';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
    EXECUTE format('CREATE ROLE %I LOGIN', app);
  END IF;
  IF app = owner OR pg_has_role(app, owner, 'MEMBER') THEN
    RAISE EXCEPTION 'the app role % must not be (or be a member of) the owner role %', app, owner;
  END IF;
  IF (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = app) THEN
    RAISE EXCEPTION 'the app role % is a superuser or bypasses row security: use a plain login role', app;
  END IF;
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = owner) THEN
    RAISE WARNING 'the tables are owned by the superuser %: the partition functions below will run as a superuser. Prefer a dedicated owner role for migrations.', owner;
  END IF;

  -- Only the owner creates objects in public (PostgreSQL 15 and later already refuse PUBLIC).
  EXECUTE format('GRANT CREATE ON SCHEMA public TO %I', owner);
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;

  -- Domain tables: read and write, now and for every table or sequence the owner creates later
  -- (later migrations, and the daily prediction_events partitions). No TRUNCATE, no DDL.
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', owner, app);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', owner, app);

  -- The audit trail: read and append, never change. The append-only triggers refuse the owner
  -- too; for the app role the privilege check refuses before any trigger runs.
  EXECUTE format('REVOKE ALL ON audit_events FROM %I', app);
  EXECUTE format('GRANT SELECT, INSERT ON audit_events TO %I', app);

  -- The migrations journal, read only: a start with MODELGATE_MIGRATE=0 checks that none is pending.
  IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'drizzle') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA drizzle TO %I', app);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO %I', app);
  END IF;

  -- The job queue (pg-boss's schema and queues, installed by db:migrate): the app sends, works,
  -- retries and archives jobs, now and in queues the owner creates later. No DDL.
  IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA pgboss TO %I', app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', owner, app);
  END IF;

  -- Creating a partition needs ownership of prediction_events, and dropping one ownership of the
  -- partition. Ingestion (a new day) and the scheduler's retention job run as the app role, so
  -- these two functions run as their owner, with a fixed search_path, for the app role alone.
  ALTER FUNCTION public.modelgate_ensure_event_partitions(date, date) SECURITY DEFINER SET search_path = public, pg_temp;
  ALTER FUNCTION public.modelgate_drop_event_partitions(date) SECURITY DEFINER SET search_path = public, pg_temp;
  REVOKE EXECUTE ON FUNCTION public.modelgate_ensure_event_partitions(date, date), public.modelgate_drop_event_partitions(date) FROM PUBLIC;
  EXECUTE format('GRANT EXECUTE ON FUNCTION public.modelgate_ensure_event_partitions(date, date), public.modelgate_drop_event_partitions(date) TO %I', app);
END $$;

ALTER ROLE :"app_role" PASSWORD :'app_password';
