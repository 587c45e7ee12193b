-- Least-privilege roles for a real Postgres deployment of Modelgate.
-- Run once as a superuser after `npm run db:migrate` (which runs as the owner role):
--   psql "$OWNER_DATABASE_URL" -v app_password="'...'" -f scripts/db-roles.sql
-- Then point the app's DATABASE_URL at modelgate_app. The owner role keeps running migrations.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'modelgate_app') THEN
    CREATE ROLE modelgate_app LOGIN;
  END IF;
END $$;
ALTER ROLE modelgate_app PASSWORD :app_password;
GRANT USAGE ON SCHEMA public TO modelgate_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO modelgate_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO modelgate_app;
-- The audit trail: read and append, never change.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM modelgate_app;
GRANT SELECT, INSERT ON audit_events TO modelgate_app;
