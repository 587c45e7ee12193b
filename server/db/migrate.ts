// Applies the drizzle-kit migrations in drizzle/ (the only place they come from). Instances that
// start together on one Postgres take turns: a session advisory lock serialises them.
import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './connect';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');
const MIGRATION_LOCK = 7_264_001;

export async function runMigrations(db: Database, options: { exclusive?: boolean } = {}) {
  if (options.exclusive === false) {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const lock = await db.$client.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    lock.release();
  }
}
