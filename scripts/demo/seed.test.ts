// The demo workspace a new user meets: people, the trained catalog, and a history made through the
// real workflow (a server-verified evaluation, signed releases, requests waiting, deployments).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/server/audit/verify';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { aliases, deployments, evaluations, modelVersions, registeredModels, releaseDecisions, releaseRequests } from '@/server/db/schema';
import { seedDemoIfEmpty, type SeededUser } from '@/server/db/seed';
import { seedDemoCatalog } from './seed-catalog';
import { seedDemoWorkflows } from '@/server/db/seed-workflows';

let t: TestDatabase;
let seeded: SeededUser[] | null;

beforeAll(async () => {
  t = await freshDatabase();
  seeded = await seedDemoIfEmpty(t.db, { password: 'seed-test-password' });
  const scientist = seeded?.find((u) => u.roles.includes('data_scientist'));
  if (!seeded || !scientist) throw new Error('no seed');
  await seedDemoCatalog(t.db, { ...scientist, sessionId: null });
  await seedDemoWorkflows(t.db, seeded);
}, 120_000);
afterAll(async () => t.close());

describe('demo workspace', () => {
  it('never seeds a database that already has people', async () => {
    expect(await seedDemoIfEmpty(t.db)).toBeNull();
  });

  it('puts credit v2 in production through a verified evaluation and two signatures, with v3 waiting', async () => {
    const [credit] = await t.db.select().from(registeredModels).where(eq(registeredModels.name, 'Credit default risk'));
    const [prod] = await t.db.select({ version: modelVersions.version }).from(aliases).innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId)).where(and(eq(aliases.modelId, credit?.id ?? ''), eq(aliases.name, 'production')));
    expect(prod?.version).toBe(2);
    const [evaluation] = await t.db.select().from(evaluations).innerJoin(modelVersions, eq(modelVersions.id, evaluations.versionId)).where(and(eq(modelVersions.modelId, credit?.id ?? ''), eq(modelVersions.version, 2)));
    expect(evaluation?.evaluations.verified).toBe(true);
    const requests = await t.db.select().from(releaseRequests).where(eq(releaseRequests.modelId, credit?.id ?? ''));
    expect(requests.map((r) => [r.version, r.state]).sort()).toEqual([
      [2, 'released'],
      [3, 'pending'],
    ]);
    const signatures = await t.db.select().from(releaseDecisions).where(eq(releaseDecisions.requestId, requests.find((r) => r.version === 2)?.id ?? ''));
    expect(signatures.map((s) => s.countedAs).sort()).toEqual(['approver', 'risk_reviewer']);
  });

  it('creates the deployments the simulator feeds, and keeps the audit chain intact', async () => {
    const rows = await t.db.select({ environment: deployments.environment }).from(deployments);
    expect(rows.map((r) => r.environment).sort()).toEqual(['prod-eu', 'prod-us']);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
