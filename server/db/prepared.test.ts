// The app's connections prepare every query with parameters (server/db/connect.ts), plan each run
// for its own values, and keep hot Drizzle queries built once per pool (server/db/prepared.ts).
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/server/db/schema';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { prepared } from './prepared';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(async () => t.close());

describe('prepared statements', () => {
  it('prepares a Drizzle query with parameters on its connection, and plans each run for its values', async () => {
    await t.db.transaction(async (tx) => {
      // One connection for the whole transaction: the statement is visible to the next query on it.
      await tx.select({ id: users.id }).from(users).where(eq(users.email, 'nobody@modelgate.local'));
      const statements = (await tx.execute(sql`select statement from pg_prepared_statements`)) as unknown as { statement: string }[];
      expect(statements.some((s) => s.statement.includes('from "users"') && s.statement.includes('$1'))).toBe(true);
      const [mode] = (await tx.execute(sql`show plan_cache_mode`)) as unknown as { plan_cache_mode: string }[];
      expect(mode?.plan_cache_mode).toBe('force_custom_plan');
    });
  });

  it('builds a hot query once per pool and leaves a transaction to build its own', async () => {
    let builds = 0;
    const build = () => (builds += 1);
    expect(prepared(t.db, 'test.key', build)).toBe(1);
    expect(prepared(t.db, 'test.key', build)).toBe(1);
    expect(builds).toBe(1);
    await t.db.transaction(async (tx) => {
      expect(prepared(tx, 'test.key', build)).toBeNull();
    });
    expect(builds).toBe(1);
  });
});
