// The drift path users hit, end to end, against scipy: events sent through the ingestion verb, read
// back by each window reader, over REST with an ingestion key, and by the alert worker, across a
// release of v2 over v1. Expected figures: server/testing/drift-window.json, written by
// scripts/reference-drift/window.py from an independent scipy implementation of Evidently's defaults.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelVersions } from '@/server/db/schema';
import { createMemoryBus } from '@/server/events/memory-bus';
import { handleDriftRead } from '@/server/http/drift';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import fixture from '@/server/testing/drift-window.json';
import { contextFor, createUserWithSession, keyContextFor } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { getReleaseRequest } from '../releases/get-release-request';
import { createReleaseRequest } from '../releases/request-release';
import { signDecision } from '../releases/sign-decision';
import { driftEvaluator } from './alerts/drift-rules';
import { evaluateAlerts } from './alerts/evaluate';
import { getAlert, listAlerts, resolveAlert } from './alerts/workflow';
import { createDeployment } from './deployments';
import { computeDrift, driftReport, windowReaderFor, type DriftReport, type WindowReader } from './drift';
import { ingestEvents } from './ingest';
import { versionMonitoring } from './version-monitoring';
import { authenticateIngestionKey, createIngestionKey } from './ingestion-keys';

type Expected = { method: string; statistic: number | string | null; pValue: number | null; drifted: boolean; referenceCount: number; currentCount: number; referenceMissing: number; currentMissing: number };
type FixtureVersion = { version: number; referenceCsv: string; events: Record<string, number | string | null>[]; expected: { features: Record<string, Expected>; drifted: string[]; share: number; datasetDrift: boolean } };
const versions = fixture.versions as FixtureVersion[];
const [V1, V2] = versions as [FixtureVersion, FixtureVersion];

const PASSWORD = 'drift-window-password';
const MINUTE = 60_000;
let t: TestDatabase;
let ops: SessionUser;
let deploymentId: string;
let key: string;
// v1 serves from 100 to 70 minutes ago, v2 (released then) from 60 minutes ago to now.
const now = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE);
const v1Only = { from: at(101), to: at(65) };
const both = { from: at(101), to: new Date(now.getTime() + MINUTE) };

/** Relative closeness to the scipy figure; chi-square with a category the reference never had is infinite. */
function expectFigure(actual: number | null | undefined, expected: number | string | null, path: string) {
  if (expected === null) return expect(actual ?? null, path).toBeNull();
  if (expected === 'inf') return expect(actual, path).toBe(Infinity);
  const e = expected as number;
  expect(typeof actual, path).toBe('number');
  expect(Math.abs((actual as number) - e) / Math.max(Math.abs(e), 1e-300), `${path}: ${actual} vs scipy ${e}`).toBeLessThanOrEqual(1e-9);
}

function expectPart(part: DriftReport['versions'][number] | undefined, want: FixtureVersion, label: string) {
  expect(part?.version, label).toBe(want.version);
  expect(part?.currentRows, label).toBe(want.events.length);
  const byName = new Map(part?.features.map((f) => [f.feature, f]));
  expect([...byName.keys()].sort(), label).toEqual(Object.keys(want.expected.features).sort());
  for (const [name, e] of Object.entries(want.expected.features)) {
    const f = byName.get(name);
    const path = `${label} v${want.version} ${name}`;
    expect({ method: f?.method, drifted: f?.drifted, referenceCount: f?.referenceCount, currentCount: f?.currentCount, referenceMissing: f?.referenceMissing, currentMissing: f?.currentMissing }, path).toEqual({
      method: e.method,
      drifted: e.drifted,
      referenceCount: e.referenceCount,
      currentCount: e.currentCount,
      referenceMissing: e.referenceMissing,
      currentMissing: e.currentMissing,
    });
    expectFigure(f?.statistic, e.statistic, `${path} statistic`);
    expectFigure(f?.pValue, e.pValue, `${path} p-value`);
  }
  expect(part?.features.filter((f) => f.drifted).map((f) => f.feature).sort(), label).toEqual(want.expected.drifted);
  expect(part?.dataset?.share, label).toBeCloseTo(want.expected.share, 12);
  expect(part?.dataset?.drifted, label).toBe(want.expected.datasetDrift);
}

async function release(modelId: string, version: number, approver: SessionUser) {
  const request = await createReleaseRequest({ ctx: contextFor(t.db, ops), input: { modelId, version, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } });
  const view = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: request.id } });
  await signDecision({ ctx: contextFor(t.db, approver), input: { requestId: request.id, decision: 'approve', reason: 'ok', meaning: view.viewer.meanings.approve, password: PASSWORD } });
}

async function send(v: FixtureVersion, fromMinutesAgo: number, toMinutesAgo: number) {
  const principal = await authenticateIngestionKey(t.db, key);
  if (!principal) throw new Error('no key');
  const span = (fromMinutesAgo - toMinutesAgo) * MINUTE;
  const events = v.events.map((features, i) => ({
    event_id: `v${v.version}-${i}`,
    timestamp: new Date(at(fromMinutesAgo).getTime() + Math.floor((i * span) / v.events.length)).toISOString(),
    features,
    prediction: 'no',
    model_version: v.version,
  }));
  const result = await ingestEvents({ ctx: keyContextFor(t.db, principal, createMemoryBus()), input: { events }, now });
  expect(result).toMatchObject({ accepted: v.events.length, rejected: [] });
}

const driftGet = (query: Record<string, string>, token = key) =>
  handleDriftRead(new Request(`http://localhost/api/v1/deployments/${deploymentId}/drift?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${token}` } }), deploymentId, { db: t.db, bus: createMemoryBus() });

type RestFeature = { name: string; method: string; statistic: number | null; p_value: number | null; drifted: boolean; current_count: number; current_missing: number };
type RestReport = { window_reader: WindowReader; version: number; share_drifted: number; dataset_drift: boolean; features: RestFeature[]; versions: { version: number; current_rows: number; features: RestFeature[] }[] };

beforeAll(async () => {
  t = await freshDatabase();
  ops = await createUserWithSession(t.db, ['ops', 'data_scientist']);
  const approver = await createUserWithSession(t.db, ['approver'], { password: PASSWORD });
  const model = await registerModel({ ctx: contextFor(t.db, ops), input: { name: 'Window Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  const metadata = { inputSchema: fixture.inputSchema, outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' } };
  await createVersion({ ctx: contextFor(t.db, ops), input: { modelId: model.id, files: tfjsModelFiles().files, metadata, referenceDataset: { name: 'v1.csv', bytes: new TextEncoder().encode(V1.referenceCsv) } } });
  await createVersion({ ctx: contextFor(t.db, ops), input: { modelId: model.id, files: tfjsModelFiles({ seed: 2 }).files, metadata, referenceDataset: { name: 'v2.csv', bytes: new TextEncoder().encode(V2.referenceCsv) } } });
  await release(model.id, 1, approver);
  deploymentId = (await createDeployment({ ctx: contextFor(t.db, ops), input: { modelId: model.id, environment: 'prod' } })).id;
  key = (await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId, name: 'serving', scopes: ['write', 'read'] } })).key;
  await send(V1, 100, 70);
  await release(model.id, 2, approver);
  await send(V2, 60, 0);
});
afterAll(async () => t.close());

describe('drift of a window, against scipy', () => {
  it('gives scipy’s figures per version with every reader this database supports, missing values left out and counted', async () => {
    const readers: WindowReader[] = windowReaderFor(t.db) === 'copy' ? ['copy', 'aggregate'] : ['aggregate'];
    for (const reader of readers) {
      const report = await computeDrift(t.db, { deploymentId, ...both, reader });
      expect(report.reader).toBe(reader);
      // The version serving at the end of the window comes first, and is the report's headline.
      expect(report.versions.map((v) => v.version)).toEqual([2, 1]);
      expect(report.version).toBe(2);
      expectPart(report.versions[0], V2, reader);
      expectPart(report.versions[1], V1, reader);
    }
  });

  it('gives scipy’s figures when the features are shared out over statistics threads, the same as on one thread', async () => {
    for (const buckets of [0, 7]) {
      const one = await computeDrift(t.db, { deploymentId, ...both, buckets, threads: 1 });
      const three = await computeDrift(t.db, { deploymentId, ...both, buckets, threads: 3 });
      expect(one.statisticsThreads).toBe(1);
      // v2 has 4 numeric features, so three threads take part: two worker threads and the caller's.
      expect(three.statisticsThreads).toBe(3);
      expectPart(three.versions[0], V2, `3 threads, ${buckets} buckets`);
      expectPart(three.versions[1], V1, `3 threads, ${buckets} buckets`);
      expect(three.versions.map(({ statisticsThreads: _t, ...v }) => v)).toEqual(one.versions.map(({ statisticsThreads: _t, ...v }) => v));
    }
  });

  it('gives the same figures to reads that run at once (each holds its own column memory until it is done)', async () => {
    // Columns are reused between reads (window-memory.ts): memory given back too early would mix
    // one read's values into another's.
    const reports = await Promise.all([
      computeDrift(t.db, { deploymentId, ...both }),
      computeDrift(t.db, { deploymentId, ...v1Only }),
      computeDrift(t.db, { deploymentId, ...both, buckets: 12 }),
      computeDrift(t.db, { deploymentId, ...v1Only, buckets: 5 }),
    ]);
    for (const [i, report] of [reports[0], reports[2]].entries()) {
      expectPart(report?.versions[0], V2, `concurrent both ${i}`);
      expectPart(report?.versions[1], V1, `concurrent both ${i}`);
    }
    for (const [i, report] of [reports[1], reports[3]].entries()) expectPart(report?.versions[0], V1, `concurrent v1 ${i}`);
  });

  it('answers the same over REST with an ingestion key: a missing category is missing, not a category “NULL”', async () => {
    const res = await driftGet({ from: both.from.toISOString(), to: both.to.toISOString() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RestReport;
    // The verb's own reader for this database: the same path as the service and the alert worker.
    expect(body.window_reader).toBe(windowReaderFor(t.db));
    expect(body.version).toBe(2);
    const v1 = body.versions.find((v) => v.version === 1);
    const region = v1?.features.find((f) => f.name === 'region');
    const e = V1.expected.features.region as Expected;
    expect(region).toMatchObject({ method: 'chisquare', drifted: false, current_count: e.currentCount, current_missing: e.currentMissing });
    expectFigure(region?.p_value, e.pValue, 'REST region p-value');
    expectFigure(region?.statistic, e.statistic, 'REST region statistic');
    expect(v1?.features.filter((f) => f.drifted).map((f) => f.name).sort()).toEqual(V1.expected.drifted);
  });

  it('applies the 31-day window cap over REST as in the UI, and refuses a key of the wrong scope', async () => {
    const wide = await driftGet({ from: new Date(now.getTime() - 40 * 86_400_000).toISOString(), to: now.toISOString() });
    expect(wide.status).toBe(400);
    expect(((await wide.json()) as { error: { message: string } }).error.message).toMatch(/at most 31 days/);
    await expect(driftReport({ ctx: contextFor(t.db, ops), input: { deploymentId, from: new Date(now.getTime() - 40 * 86_400_000), to: now } })).rejects.toThrow(/at most 31 days/);
    const writeOnly = (await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId, name: 'write only', scopes: ['write'] } })).key;
    expect((await driftGet({ from: v1Only.from.toISOString(), to: v1Only.to.toISOString() }, writeOnly)).status).toBe(403);
    expect((await driftGet({ from: v1Only.from.toISOString(), to: v1Only.to.toISOString() }, 'mgi_not-a-key')).status).toBe(401);
  });

  it('opens the same alerts as the API reports for the same window, then names v2 after the release', async () => {
    const system = contextFor(t.db, null);
    // The alert worker at the end of v1's traffic: its 60-minute window holds v1 only.
    const v1End = at(65);
    await evaluateAlerts(system, { now: v1End, drift: driftEvaluator });
    const res = await driftGet({ from: new Date(v1End.getTime() - 60 * MINUTE).toISOString(), to: v1End.toISOString() });
    const api = (await res.json()) as RestReport;
    expect(api.version).toBe(1);
    const open = await listAlerts({ ctx: contextFor(t.db, ops), input: { deploymentId } });
    const featureAlerts = open.filter((a) => a.kind === 'feature_drift');
    expect(featureAlerts.map((a) => a.subject).sort()).toEqual(api.features.filter((f) => f.drifted).map((f) => f.name).sort());
    expect(featureAlerts.map((a) => a.subject).sort()).toEqual(V1.expected.drifted);
    for (const a of featureAlerts) {
      const f = api.features.find((x) => x.name === a.subject);
      expect(a.value, a.subject).toBe(f?.p_value ?? f?.statistic);
      expect(a.version, a.subject).toBe(1);
    }
    const dataset = open.filter((a) => a.kind === 'dataset_drift');
    expect(dataset.length > 0).toBe(api.dataset_drift);
    expect(dataset[0]?.value).toBeCloseTo(api.share_drifted, 12);

    // Ops resolve the amount alert; after the release its drift returns under v2, and the re-opened
    // alert names v2 in every place it is read, with v2's figure.
    const amount = featureAlerts.find((a) => a.subject === 'amount');
    await resolveAlert({ ctx: contextFor(t.db, ops), input: { alertId: amount?.id, note: 'Seasonal amounts; watching.' } });
    await evaluateAlerts(system, { now, drift: driftEvaluator });
    const latest = (await (await driftGet({ from: at(60).toISOString(), to: now.toISOString() })).json()) as RestReport;
    expect(latest.version).toBe(2);
    const reopened = await getAlert({ ctx: contextFor(t.db, ops), input: { alertId: amount?.id } });
    expect(reopened).toMatchObject({ state: 'open', reopenCount: 1, version: 2 });
    expectFigure(reopened.value, V2.expected.features.amount?.statistic ?? null, 'reopened value');
    expect(JSON.stringify(reopened.details)).not.toMatch(/"version"/);
    // The still-open alerts of features drifting under v2 name v2 as well; v1's others went quiet.
    const unresolved = await listAlerts({ ctx: contextFor(t.db, ops), input: { deploymentId } });
    for (const a of unresolved.filter((x) => x.kind === 'feature_drift' && x.active)) expect(a.version, a.subject).toBe(2);
  });

  it('shows each version its deployments, its drift against its own reference and the alerts that name it', async () => {
    await evaluateAlerts(contextFor(t.db, null), { now, drift: driftEvaluator });
    const [v1Row, v2Row] = await Promise.all([1, 2].map(async (n) => (await t.db.select().from(modelVersions).where(eq(modelVersions.version, n)))[0]));
    const v2 = await versionMonitoring({ ctx: contextFor(t.db, ops), input: { versionId: v2Row?.id } });
    expect(v2.deployments).toHaveLength(1);
    expect(v2.deployments[0]).toMatchObject({ id: deploymentId, servingNow: true, drift: { events: V2.events.length } });
    expect([...(v2.deployments[0]?.drift?.driftedFeatures ?? [])].sort()).toEqual(V2.expected.drifted);
    expect(v2.alerts.map((a) => a.kind)).toContain('feature_drift');
    const v1 = await versionMonitoring({ ctx: contextFor(t.db, ops), input: { versionId: v1Row?.id } });
    expect(v1.deployments[0]).toMatchObject({ id: deploymentId, servingNow: false, drift: { events: V1.events.length } });
    expect([...(v1.deployments[0]?.drift?.driftedFeatures ?? [])].sort()).toEqual(V1.expected.drifted);
    const approver = await createUserWithSession(t.db, ['approver']);
    await expect(versionMonitoring({ ctx: contextFor(t.db, approver), input: { versionId: v1Row?.id } })).rejects.toThrow(/roles/);
  });
});
