// Applies the drizzle-kit migrations in drizzle/ (the only place they come from). Instances that
// start together on one Postgres take turns: a session advisory lock serialises them.
import 'server-only';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { installJobQueue, requireJobQueue } from '@/server/jobs/queue';
import type { Database } from './connect';
import { refreshModelNameKeys } from './model-name-keys';

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');
const MIGRATION_LOCK = 7_264_001;

export async function runMigrations(db: Database, options: { exclusive?: boolean } = {}) {
  if (options.exclusive === false) {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await refreshModelNameKeys(db);
    await installJobQueue(db);
    return;
  }
  const lock = await db.$client.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    // Derived keys the SQL migrations cannot compute (Unicode folding and skeletons live in lib/).
    await refreshModelNameKeys(db);
    // The job queue's own schema (pg-boss's migrator, under its own advisory lock).
    await installJobQueue(db);
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    lock.release();
  }
}

/** How many migrations in drizzle/ the database lacks, judged the way drizzle's migrator judges it. */
export async function pendingMigrations(db: Database): Promise<number> {
  const [journal] = await db.execute<{ present: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  if (!journal?.present) return files.length;
  const [last] = await db.execute<{ created_at: string | null }>(sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`);
  const applied = Number(last?.created_at ?? 0);
  return files.filter((f) => f.folderMillis > applied).length;
}

/**
 * For a start that does not migrate (MODELGATE_MIGRATE=0, e.g. as the least-privilege app role,
 * which may not create the migrations schema): refuses to run against an out-of-date schema.
 */
export async function requireMigrated(db: Database) {
  const pending = await pendingMigrations(db);
  if (pending > 0) {
    throw new Error(`The database lacks ${pending} migration(s) and MODELGATE_MIGRATE=0 was given: run \`npm run db:migrate\` as the owner role first.`);
  }
  await requireJobQueue(db);
}

/**
 * True where scripts/db-roles.sql has given an app role access (someone besides the owner holds
 * privileges on audit_events) but a migration has since replaced a partition function and so
 * reset what the script set on it: the script has to be run again.
 */
export async function roleSetupStale(db: Database): Promise<boolean> {
  const [row] = await db.execute<{ stale: boolean }>(sql`
    select exists (
        select 1 from pg_class c, aclexplode(c.relacl) a
        where c.oid = to_regclass('public.audit_events') and a.grantee <> c.relowner
      ) and exists (
        select 1 from pg_proc
        where proname in ('modelgate_ensure_event_partitions', 'modelgate_drop_event_partitions') and not prosecdef
      ) as stale`);
  return row?.stale === true;
}
