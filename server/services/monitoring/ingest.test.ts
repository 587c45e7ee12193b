// Deployments, ingestion keys and the ingestion API: attribution to the serving version, idempotent
// replay, per-event refusals with reasons, key scoping, labels, and the 401/413/429/503 paths.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@/server/db/connect';
import { auditEvents, ingestionKeys, predictionEventIds, predictionEvents, predictionLabels, predictionMinutes } from '@/server/db/schema';
import { ConflictError, ForbiddenError, PayloadTooLargeError } from '@/server/errors';
import { createMemoryBus } from '@/server/events/memory-bus';
import { handleIngestion } from '@/server/http/ingest';
import { itemsIn } from '@/server/services/monitoring/batches';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession, keyContextFor } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { getReleaseRequest } from '../releases/get-release-request';
import { createReleaseRequest } from '../releases/request-release';
import { signDecision } from '../releases/sign-decision';
import { createDeployment, listDeployments } from './deployments';
import { ingestEvents, legacyContentHash } from './ingest';
import { authenticateIngestionKey, createIngestionKey, listIngestionKeys, revokeIngestionKey } from './ingestion-keys';
import { attachLabels } from './labels';
import { maintainEventPartitions } from './partitions';
import { deploymentStats } from './stats';

const PASSWORD = 'monitoring-test-password';
let t: TestDatabase;
let ops: SessionUser;
let scientist: SessionUser;
let modelId: string;
let deploymentId: string;
let otherDeploymentId: string;
let key: string;
let otherKey: string;
const bus = createMemoryBus();

const inputSchema = {
  features: [
    { name: 'age', type: 'numeric' as const, min: 18, max: 100, allowMissing: false },
    { name: 'income', type: 'numeric' as const, allowMissing: true },
    { name: 'region', type: 'categorical' as const, categories: ['north', 'south', 'east'], allowMissing: false },
  ],
};

// Set once production holds v1, so every event below is attributed to it.
let T0 = '';
const event = (id: string, overrides: Record<string, unknown> = {}) => ({
  event_id: id,
  timestamp: T0,
  features: { age: 42, income: 52000, region: 'north' },
  prediction: 'yes',
  probabilities: [0.3, 0.7],
  latency_ms: 12.5,
  ...overrides,
});

const post = (path: string, body: string | object, token: string | null, headers: Record<string, string> = {}) =>
  new Request(`http://localhost/api/v1/${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
const sendEvents = (req: Request, db = t.db, limits?: { ratePerKey: number }) => handleIngestion(req, { db, bus, limits }, ingestEvents, itemsIn('events'));
const principal = async (token: string) => {
  const p = await authenticateIngestionKey(t.db, token);
  if (!p) throw new Error('no principal');
  return p;
};
const storedCount = async (deployment = deploymentId) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(predictionEvents).where(eq(predictionEvents.deploymentId, deployment)))[0]?.n ?? 0;
const minuteCount = async () => (await t.db.select({ n: sql<number>`coalesce(sum(count), 0)::int` }).from(predictionMinutes).where(eq(predictionMinutes.deploymentId, deploymentId)))[0]?.n ?? 0;

beforeAll(async () => {
  t = await freshDatabase();
  ops = await createUserWithSession(t.db, ['ops'], { name: 'Olga Ops' });
  scientist = await createUserWithSession(t.db, ['data_scientist'], { password: PASSWORD });
  const approver = await createUserWithSession(t.db, ['approver'], { password: PASSWORD });
  const model = await registerModel({ ctx: contextFor(t.db, scientist), input: { name: 'Monitored Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  modelId = model.id;
  for (const seed of [1, 2]) {
    await createVersion({ ctx: contextFor(t.db, scientist), input: { modelId, files: tfjsModelFiles({ seed, inputs: 5 }).files, metadata: { inputSchema, outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' } } } });
  }
  // v1 goes to production through the release workflow (low tier: one approver, no gates).
  const request = await createReleaseRequest({ ctx: contextFor(t.db, scientist), input: { modelId, version: 1, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } });
  const view = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: request.id } });
  await signDecision({ ctx: contextFor(t.db, approver), input: { requestId: request.id, decision: 'approve', reason: 'ok', meaning: view.viewer.meanings.approve, password: PASSWORD } });

  deploymentId = (await createDeployment({ ctx: contextFor(t.db, ops), input: { modelId, environment: 'prod-eu' } })).id;
  otherDeploymentId = (await createDeployment({ ctx: contextFor(t.db, ops), input: { modelId, environment: 'prod-us' } })).id;
  key = (await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId, name: 'eu serving' } })).key;
  otherKey = (await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId: otherDeploymentId, name: 'us serving' } })).key;
  T0 = new Date().toISOString();
});
afterAll(async () => t.close());

describe('deployments and keys', () => {
  it('lets ops create deployments (unique environment per model, audited) and refuses other roles', async () => {
    await expect(createDeployment({ ctx: contextFor(t.db, ops), input: { modelId, environment: 'PROD-EU' } })).rejects.toThrow(ConflictError);
    await expect(createDeployment({ ctx: contextFor(t.db, scientist), input: { modelId, environment: 'staging-eu' } })).rejects.toThrow(ForbiddenError);
    const listed = await listDeployments({ ctx: contextFor(t.db, scientist), input: undefined });
    expect(listed.map((d) => [d.environment, d.servingVersion])).toEqual([
      ['prod-eu', 1],
      ['prod-us', 1],
    ]);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'deployment.created'), eq(auditEvents.entityId, deploymentId)));
    expect(audit).toMatchObject({ actorName: 'Olga Ops', after: { environment: 'prod-eu', alias: 'production' } });
  });

  it('shows a key once, stores only its hash, lists its prefix, and stops accepting it when revoked', async () => {
    const created = await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId, name: 'to revoke' } });
    expect(created.key).toMatch(/^mgi_[\w-]{32}$/);
    const [row] = await t.db.select().from(ingestionKeys).where(eq(ingestionKeys.id, created.id));
    expect(row?.keyHash).not.toContain(created.key);
    expect(JSON.stringify(await listIngestionKeys({ ctx: contextFor(t.db, scientist), input: { deploymentId } }))).not.toContain(created.key);
    expect(await authenticateIngestionKey(t.db, created.key)).toMatchObject({ deploymentId, scopes: ['write'] });
    await revokeIngestionKey({ ctx: contextFor(t.db, ops), input: { keyId: created.id } });
    expect(await authenticateIngestionKey(t.db, created.key)).toBeNull();
    const res = await sendEvents(post('events', { events: [event('after-revoke')] }, created.key));
    expect(res.status).toBe(401);
  });
});

describe('ingesting events', () => {
  it('stores valid events attributed to the version production held at their time, with per-minute aggregates', async () => {
    const res = await sendEvents(post('events', { events: [event('e1'), event('e2', { features: { age: 150, income: null, region: 'west' } }), event('e3', { prediction: 'no', probabilities: [0.8, 0.2] })] }, key));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [], conflicts: [] });
    const rows = await t.db.select().from(predictionEvents).where(eq(predictionEvents.deploymentId, deploymentId));
    const e2 = rows.find((r) => r.eventId === 'e2');
    expect(e2).toMatchObject({ predictionLabel: 'yes', predictionValue: 0.7, categorical: ['west'] });
    expect(e2?.numeric[0]).toBe(150);
    // A missing numeric value is stored as NULL and reads back as NaN.
    expect(e2?.numeric[1] ?? NaN).toBeNaN();
    const [minute] = await t.db.select().from(predictionMinutes).where(eq(predictionMinutes.deploymentId, deploymentId));
    // Quality counts in layout order: numeric features (age, income) then categorical (region).
    expect(minute).toMatchObject({ count: 3, latencyCount: 3, predictions: { yes: 2, no: 1 }, missing: [0, 1, 0], outOfRange: [1, 0], unknownCategory: [1], typeErrors: 0 });
  });

  it('stores nothing twice when a batch is replayed, and reports other content under a known id as a conflict', async () => {
    const before = { stored: await storedCount(), minutes: await minuteCount() };
    const replay = await ingestEvents({ ctx: keyContextFor(t.db, await principal(key), bus), input: { events: [event('e1'), event('e3', { prediction: 'no', probabilities: [0.8, 0.2] })] } });
    expect(replay).toEqual({ accepted: 0, duplicates: 2, rejected: [], conflicts: [] });
    const changed = await ingestEvents({ ctx: keyContextFor(t.db, await principal(key), bus), input: { events: [event('e1', { prediction: 'no' }), event('e4'), event('e4')] } });
    expect(changed.accepted).toBe(1);
    expect(changed.duplicates).toBe(1);
    expect(changed.conflicts).toEqual([{ index: 0, event_id: 'e1', reason: expect.stringMatching(/stored before with other content/) }]);
    expect(await storedCount()).toBe(before.stored + 1);
    expect(await minuteCount()).toBe(before.minutes + 1);
    const [e1] = await t.db.select().from(predictionEvents).where(and(eq(predictionEvents.deploymentId, deploymentId), eq(predictionEvents.eventId, 'e1')));
    expect(e1?.predictionLabel).toBe('yes');
  });

  it('sums minute aggregates element by element and key by key, counting what is absent as 0', async () => {
    const [row] = await t.db.execute<{ a: number[]; b: number[]; c: number[]; d: unknown; e: unknown; f: unknown }>(sql`
      select modelgate_int_array_add('{1,2,3}', '{10,20,30}') as a, modelgate_int_array_add('{1,null}', '{5}') as b,
             modelgate_int_array_add(null, '{}') as c, modelgate_jsonb_add_counts('{"yes":2,"no":1}', '{"yes":3,"maybe":1}') as d,
             modelgate_jsonb_add_counts(null, '{"no":4}') as e, modelgate_jsonb_add_counts('{}', '{}') as f`);
    expect(row).toEqual({ a: [11, 22, 33], b: [6, 0], c: [], d: { yes: 5, no: 1, maybe: 1 }, e: { no: 4 }, f: {} });
  });

  it('still recognises a replay of an event stored under the earlier (untagged) content hash', async () => {
    const first = await ingestEvents({ ctx: keyContextFor(t.db, await principal(key), bus), input: { events: [event('legacy-1')] } });
    expect(first.accepted).toBe(1);
    const [stored] = await t.db.select().from(predictionEventIds).where(and(eq(predictionEventIds.deploymentId, deploymentId), eq(predictionEventIds.eventId, 'legacy-1')));
    expect(stored?.contentHash).toMatch(/^2:[0-9a-f]{64}$/);
    // Rewrite the stored hash the way events stored before the tagged form carry it.
    // (the hash covered the event as checked: the values sent, before float4 storage of probabilities)
    const legacy = legacyContentHash(
      { eventId: 'legacy-1', ts: new Date(T0), numeric: [42, 52000], categorical: ['north'], predictionLabel: 'yes', predictionValue: 0.7, probabilities: [0.3, 0.7], latencyMs: 12.5, missing: [], outOfRange: [], unknownCategory: [] },
      stored!.versionId,
    );
    await t.db.update(predictionEventIds).set({ contentHash: legacy }).where(and(eq(predictionEventIds.deploymentId, deploymentId), eq(predictionEventIds.eventId, 'legacy-1')));
    expect(await ingestEvents({ ctx: keyContextFor(t.db, await principal(key), bus), input: { events: [event('legacy-1')] } })).toEqual({ accepted: 0, duplicates: 1, rejected: [], conflicts: [] });
    const changed = await ingestEvents({ ctx: keyContextFor(t.db, await principal(key), bus), input: { events: [event('legacy-1', { latency_ms: 99 })] } });
    expect(changed.conflicts).toEqual([{ index: 0, event_id: 'legacy-1', reason: expect.stringMatching(/stored before with other content/) }]);
  });

  it('refuses bad events one by one with every reason, stores the good ones, and counts type errors', async () => {
    const result = await ingestEvents({ ctx: keyContextFor(t.db, await principal(key), bus), input: {
      events: [
        event('ok-1'),
        event('bad-feature', { features: { age: 30, region: 'north', shoe_size: 42 } }),
        event('bad-type', { features: { age: 'thirty', region: 'north' } }),
        event('bad-future', { timestamp: new Date(Date.now() + 3_600_000).toISOString() }),
        event('bad-label', { prediction: 'maybe' }),
        event('', {}),
        event('ok-2', { latency_ms: undefined, probabilities: undefined }),
      ],
    } });
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => [r.index, r.event_id])).toEqual([
      [1, 'bad-feature'],
      [2, 'bad-type'],
      [3, 'bad-future'],
      [4, 'bad-label'],
      [5, ''],
    ]);
    expect(result.rejected[0]?.reasons).toEqual(['unknown feature “shoe_size”.']);
    expect(result.rejected[1]?.reasons).toEqual(['feature “age” must be a number, got the string “thirty”.']);
    expect(result.rejected[2]?.reasons[0]).toMatch(/too far in the future/);
    expect(result.rejected[3]?.reasons[0]).toMatch(/one of the class labels \(no, yes\)/);
    expect(result.rejected[4]?.reasons[0]).toMatch(/event_id must be a string of 1 to 128/);
    const typeErrors = (await t.db.select({ n: sql<number>`sum(type_errors)::int` }).from(predictionMinutes).where(eq(predictionMinutes.deploymentId, deploymentId)))[0]?.n;
    expect(typeErrors).toBe(1);
  });

  it('reads NaN and Infinity written by Python clients and refuses just those events', async () => {
    const body = `{"events": [${JSON.stringify(event('py-ok'))}, {"event_id": "py-nan", "timestamp": "${new Date().toISOString()}", "features": {"age": NaN, "region": "east"}, "prediction": "no"}, {"event_id": "py-inf", "timestamp": "${new Date().toISOString()}", "features": {"age": 30, "income": Infinity, "region": "east"}, "prediction": "no"}]}`;
    const res = await sendEvents(post('events', body, key));
    expect(res.status).toBe(200);
    const json = (await res.json()) as { accepted: number; rejected: { event_id: string; reasons: string[] }[] };
    expect(json.accepted).toBe(1);
    expect(json.rejected.map((r) => [r.event_id, r.reasons[0]])).toEqual([
      ['py-nan', 'feature “age” is NaN; only finite numbers are allowed (send null for a missing value).'],
      ['py-inf', 'feature “income” is Infinity; only finite numbers are allowed (send null for a missing value).'],
    ]);
  });

  it('attributes events to the version they state, and refuses a version the model does not have', async () => {
    const result = await ingestEvents({ ctx: keyContextFor(t.db, await principal(key), bus), input: { events: [event('v2-shadow', { model_version: 2 }), event('v9', { model_version: 9 })] } });
    expect(result.accepted).toBe(1);
    expect(result.rejected[0]?.reasons[0]).toMatch(/model_version 9 is not a version of this model/);
    const [row] = await t.db.select({ versionId: predictionEvents.versionId }).from(predictionEvents).where(eq(predictionEvents.eventId, 'v2-shadow'));
    const [v1] = await t.db.select({ versionId: predictionEvents.versionId }).from(predictionEvents).where(eq(predictionEvents.eventId, 'ok-1'));
    expect(row?.versionId).not.toBe(v1?.versionId);
  });

  it('answers a malformed body with 400 and stores nothing', async () => {
    const before = await storedCount();
    for (const body of ['{"events": [', '{"events": "e1"}', '{"events": [1, 2]}', '{"events": []}', '"just a string"']) {
      const res = await sendEvents(post('events', body, key));
      expect(res.status, body).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    }
    expect(await storedCount()).toBe(before);
  });

  it('keeps every key to its own deployment and refuses read-only keys and anonymous callers', async () => {
    await ingestEvents({ ctx: keyContextFor(t.db, await principal(otherKey), bus), input: { events: [event('us-1')] } });
    expect(await storedCount(otherDeploymentId)).toBe(1);
    const [eu] = await t.db.select().from(predictionEvents).where(and(eq(predictionEvents.deploymentId, deploymentId), eq(predictionEvents.eventId, 'us-1')));
    expect(eu).toBeUndefined();
    const readOnly = await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId, name: 'dashboards', scopes: ['read'] } });
    await expect(ingestEvents({ ctx: keyContextFor(t.db, await principal(readOnly.key), bus), input: { events: [event('ro')] } })).rejects.toThrow(ForbiddenError);
    expect((await sendEvents(post('events', { events: [event('anon')] }, null))).status).toBe(401);
    expect((await sendEvents(post('events', { events: [event('personal')] }, 'mgt_not-an-ingestion-key'))).status).toBe(401);
  });

  it('answers 413 past the batch or body size, 429 with Retry-After over the key rate, 503 with Retry-After when the database is down', async () => {
    await expect(ingestEvents({ ctx: keyContextFor(t.db, await principal(key), bus), input: { events: Array.from({ length: 1001 }, (_, i) => event(`big-${i}`)) } })).rejects.toThrow(PayloadTooLargeError);
    const huge = await sendEvents(post('events', `{"events": [], "padding": "${'x'.repeat(9 * 1024 * 1024)}"}`, key));
    expect(huge.status).toBe(413);

    // A key allowed 2 events per second sending 3 at once.
    const limited = await sendEvents(post('events', { events: [event('rate-1'), event('rate-2'), event('rate-3')] }, key), t.db, { ratePerKey: 2 });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const down = connect('postgres://postgres@127.0.0.1:1/nothing', { max: 1 });
    try {
      const res = await sendEvents(post('events', { events: [event('down-1')] }, otherKey), down.db);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      await down.close();
    }
  });
});

describe('labels', () => {
  it('attaches labels to earlier events by id, corrects them, and refuses unknown ids', async () => {
    const p = await principal(key);
    const first = await attachLabels({ ctx: keyContextFor(t.db, p, bus), input: { labels: [{ event_id: 'e1', label: 'no' }, { event_id: 'e2', label: 'yes' }, { event_id: 'never-sent', label: 'no' }, { event_id: 'e3', label: 7 }] } });
    expect(first.stored).toBe(2);
    expect(first.rejected.map((r) => [r.index, r.reason.slice(0, 30)])).toEqual([
      [2, 'no event with this event_id wa'],
      [3, 'label must be the true class l'],
    ]);
    await attachLabels({ ctx: keyContextFor(t.db, p, bus), input: { labels: [{ event_id: 'e1', label: 'yes' }] } });
    const labels = await t.db.select().from(predictionLabels).where(eq(predictionLabels.deploymentId, deploymentId));
    expect(Object.fromEntries(labels.map((l) => [l.eventId, l.label]))).toEqual({ e1: 'yes', e2: 'yes' });
    // A key for another deployment cannot label these events.
    expect((await attachLabels({ ctx: keyContextFor(t.db, await principal(otherKey), bus), input: { labels: [{ event_id: 'e2', label: 'no' }] } })).stored).toBe(0);
  });
});

describe('partitions', () => {
  it('keeps one partition per day, creates days ahead, and drops days past retention with their ids', async () => {
    const old = new Date(Date.now() - 100 * 86_400_000);
    await t.db.execute(sql`select modelgate_ensure_event_partitions(${old.toISOString().slice(0, 10)}::date, ${old.toISOString().slice(0, 10)}::date)`);
    const result = await maintainEventPartitions(t.db);
    expect(result.dropped).toBeGreaterThanOrEqual(1);
    const parts = await t.db.execute<{ relname: string }>(sql`select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'prediction_events'::regclass order by 1`);
    const names = parts.map((r) => r.relname);
    const day = (offset: number) => `prediction_events_${new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')}`;
    expect(names).toEqual(expect.arrayContaining([day(0), day(1), day(2), 'prediction_events_default']));
    expect(names).not.toContain(`prediction_events_${old.toISOString().slice(0, 10).replace(/-/g, '')}`);
    const inDefault = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from prediction_events_default`);
    expect(inDefault[0]?.n).toBe(0);
  });
  it('creates a new day once when several batches ask for it at the same moment', async () => {
    const day = new Date(Date.now() + 40 * 86_400_000);
    const iso = day.toISOString().slice(0, 10);
    const calls = Array.from({ length: 6 }, () => t.db.execute<{ n: number }>(sql`select modelgate_ensure_event_partitions(${iso}::date, ${iso}::date) as n`));
    const created = (await Promise.all(calls)).map((r) => Number(r[0]?.n));
    expect(created.reduce((a, b) => a + b, 0)).toBe(1);
    const [exists] = await t.db.execute<{ ok: boolean }>(sql`select to_regclass(${`prediction_events_${iso.replace(/-/g, '')}`}) is not null as ok`);
    expect(exists?.ok).toBe(true);
  });
});

describe('statistics over a window', () => {
  it('reads traffic, latency, predictions and quality from the minute aggregates, and performance from labelled events', async () => {
    const from = new Date(new Date(T0).getTime() - 3_600_000);
    const to = new Date(Date.now() + 3_600_000);
    const stats = await deploymentStats({ ctx: contextFor(t.db, scientist), input: { deploymentId, from, to } });
    const stored = await storedCount();
    expect(stats.totals.count).toBe(stored);
    expect(stats.series.reduce((n, p) => n + p.count, 0)).toBe(stored);
    expect(Object.values(stats.totals.predictions).reduce((a, b) => a + b, 0)).toBe(stored);
    expect(stats.totals.latencyP95).toBeGreaterThan(12.5 * 0.85);
    expect(stats.totals.latencyP95).toBeLessThan(12.5 * 1.15);
    const age = stats.quality.find((q) => q.feature === 'age');
    const region = stats.quality.find((q) => q.feature === 'region');
    expect(age?.outOfRangeRate).toBeCloseTo(1 / stored, 10);
    expect(region?.unknownCategoryRate).toBeCloseTo(1 / stored, 10);
    expect(stats.typeErrorRate).toBeGreaterThan(0);
    // e1 and e2 are labelled "yes" and were predicted "yes" with P(yes) = 0.7.
    expect(stats.performance).toMatchObject({ labelled: 2, metrics: { accuracy: 1 } });
    await expect(deploymentStats({ ctx: contextFor(t.db, scientist), input: { deploymentId, from: to, to: from } })).rejects.toThrow(/must be before/);
    await expect(deploymentStats({ ctx: contextFor(t.db, await createUserWithSession(t.db, ['approver'])), input: { deploymentId, from, to } })).rejects.toThrow(ForbiddenError);
  });
});
