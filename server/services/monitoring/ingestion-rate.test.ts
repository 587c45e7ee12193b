// The per-key ingestion rate holds across app instances (two pools on one database), refuses
// without taking anything, starts again each second, and keeps one row per key.
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, EMBEDDED_POOL_MAX, type Database } from '@/server/db/connect';
import { deployments, ingestionKeys, ingestionRateWindows } from '@/server/db/schema';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { registerModel } from '../catalog/register-model';
import { takeIngestionTokens } from './ingestion-rate';

let t: TestDatabase;
let second: { db: Database; close: () => Promise<void> };
let keyA = '';
let keyB = '';
beforeAll(async () => {
  t = await freshDatabase();
  second = connect(t.url, { max: t.kind === 'pglite' ? EMBEDDED_POOL_MAX : 4 });
  const scientist = await createUserWithSession(t.db, ['data_scientist']);
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Rate model', ownerTeam: 'x', taskType: 'regression', riskTier: 'low' } });
  const [deployment] = await t.db.insert(deployments).values({ modelId: model.id, environment: 'prod', createdBy: scientist.id }).returning();
  const keys = await t.db
    .insert(ingestionKeys)
    .values(['a', 'b'].map((k) => ({ deploymentId: deployment?.id ?? '', name: k, prefix: k, keyHash: `hash-${k}`, scopes: ['write' as const], createdBy: scientist.id })))
    .returning();
  keyA = keys[0]?.id ?? '';
  keyB = keys[1]?.id ?? '';
});
afterAll(async () => {
  await second.close();
  await t.close();
});

// An empty window that is current for the next hour, so the steps below share it however slow they run.
const freshWindow = (keyId: string) =>
  t.db.update(ingestionRateWindows).set({ windowStart: sql`date_trunc('second', now()) + interval '1 hour'`, events: 0 }).where(eq(ingestionRateWindows.keyId, keyId));
const inWindow = async (keyId: string) => (await t.db.select().from(ingestionRateWindows).where(eq(ingestionRateWindows.keyId, keyId)))[0]?.events;

describe('per-key ingestion rate', () => {
  it('is one limit for all instances together, and a refusal takes nothing', async () => {
    await takeIngestionTokens(t.db, keyA, 1, 10);
    await freshWindow(keyA);
    expect(await takeIngestionTokens(t.db, keyA, 6, 10)).toEqual({ allowed: true });
    // The other instance sees the same 6: 6 more do not fit, 4 do.
    expect(await takeIngestionTokens(second.db, keyA, 6, 10)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await inWindow(keyA)).toBe(6);
    expect(await takeIngestionTokens(second.db, keyA, 4, 10)).toEqual({ allowed: true });
    expect(await takeIngestionTokens(t.db, keyA, 1, 10)).toMatchObject({ allowed: false });
    // Another key has its own allowance.
    expect(await takeIngestionTokens(second.db, keyB, 10, 10)).toEqual({ allowed: true });
  });

  it('starts again in the next second', async () => {
    // The full window ended a second ago.
    await t.db.update(ingestionRateWindows).set({ windowStart: sql`date_trunc('second', now()) - interval '1 second'`, events: 10 }).where(eq(ingestionRateWindows.keyId, keyA));
    expect(await takeIngestionTokens(t.db, keyA, 10, 10)).toEqual({ allowed: true });
    expect(await inWindow(keyA)).toBe(10);
  });

  it('refuses a batch larger than a second of the rate, saying how long it is worth', async () => {
    expect(await takeIngestionTokens(t.db, keyB, 25, 10)).toEqual({ allowed: false, retryAfterSeconds: 3 });
  });

  it('keeps one row per key, however many batches, and drops it with the key', async () => {
    for (let i = 0; i < 20; i++) await takeIngestionTokens(i % 2 ? t.db : second.db, keyB, 1, 1_000_000);
    expect((await t.db.select({ n: count() }).from(ingestionRateWindows))[0]?.n).toBe(2);
    await t.db.delete(ingestionKeys).where(eq(ingestionKeys.id, keyB));
    expect(await t.db.select().from(ingestionRateWindows).where(eq(ingestionRateWindows.keyId, keyB))).toHaveLength(0);
  });
});
