// Test databases: a fresh database per test file, on the real Postgres given by TEST_DATABASE_URL
// (or DATABASE_URL), or on an in-memory embedded PGlite when no server is given.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { connect, EMBEDDED_POOL_MAX, type Database } from '@/server/db/connect';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { runMigrations } from '@/server/db/migrate';

export type TestDatabase = { db: Database; url: string; kind: 'postgres' | 'pglite'; close: () => Promise<void> };

export const serverUrl = () => process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

export async function freshDatabase(): Promise<TestDatabase> {
  const base = serverUrl();
  if (base) {
    const name = `modelgate_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const handle = connect(url.toString(), { max: 8 });
    await runMigrations(handle.db);
    return {
      db: handle.db,
      url: url.toString(),
      kind: 'postgres',
      close: async () => {
        await handle.close();
        const cleanup = postgres(base, { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres();
  const handle = connect(embedded.url, { max: EMBEDDED_POOL_MAX });
  await runMigrations(handle.db, { exclusive: false });
  return {
    db: handle.db,
    url: embedded.url,
    kind: 'pglite',
    close: async () => {
      await handle.close();
      await embedded.stop();
    },
  };
}
