// Applies the drizzle-kit migrations in drizzle/ (the only place they come from).
import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './connect';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');

export async function runMigrations(db: Database) {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
