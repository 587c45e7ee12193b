// Drift reports read the window from the database and the baseline from the version's reference
// dataset, and give exactly what lib/drift gives on the same values (itself checked against scipy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureDrift } from '@/lib/drift';
import { ForbiddenError } from '@/server/errors';
import { createMemoryBus } from '@/server/events/memory-bus';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession, keyContextFor } from '@/server/testing/fixtures';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { evaluateAlerts } from './alerts/evaluate';
import { driftEvaluator } from './alerts/drift-rules';
import { getAlert, listAlerts, resolveAlert } from './alerts/workflow';
import { createAlertRule } from './alerts/rules';
import { DEFAULT_TIER_POLICIES } from '@/lib/releases/policy';
import { getReleaseRequest } from '../releases/get-release-request';
import { setTierPolicy } from '../releases/policies';
import { requestReReview } from '../releases/re-review';
import { createReleaseRequest } from '../releases/request-release';
import { signDecision } from '../releases/sign-decision';
import { createDeployment } from './deployments';
import { driftReport } from './drift';
import { ingestEvents } from './ingest';
import { authenticateIngestionKey, createIngestionKey } from './ingestion-keys';

let t: TestDatabase;
let ops: SessionUser;
let deploymentId: string;
let modelId: string;
let approver: SessionUser;
const PASSWORD = 'drift-test-password';
const REFERENCE_ROWS = 300;
const reference = new TextDecoder().decode(creditCsv(REFERENCE_ROWS)).trim().split('\n').slice(1).map((l) => l.split(','));
const ages: number[] = [];
const regions: string[] = [];

beforeAll(async () => {
  t = await freshDatabase();
  ops = await createUserWithSession(t.db, ['ops', 'data_scientist']);
  const model = await registerModel({ ctx: contextFor(t.db, ops), input: { name: 'Drifting Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  await createVersion({
    ctx: contextFor(t.db, ops),
    input: {
      modelId: model.id,
      files: tfjsModelFiles().files,
      metadata: {
        inputSchema: { features: [{ name: 'age', type: 'numeric', allowMissing: false }, { name: 'income', type: 'numeric', allowMissing: false }, { name: 'region', type: 'categorical', categories: ['north', 'south', 'east'], allowMissing: false }] },
        outputSchema: { target: 'defaulted', classLabels: ['no', 'yes'], positiveClass: 'yes' },
      },
      referenceDataset: { name: 'reference.csv', bytes: creditCsv(REFERENCE_ROWS) },
    },
  });
  // v1 reaches production through the release workflow (low tier: one approver).
  const request = await createReleaseRequest({ ctx: contextFor(t.db, ops), input: { modelId: model.id, version: 1, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } });
  approver = await createUserWithSession(t.db, ['approver'], { password: PASSWORD });
  const view = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: request.id } });
  await signDecision({ ctx: contextFor(t.db, approver), input: { requestId: request.id, decision: 'approve', reason: 'ok', meaning: view.viewer.meanings.approve, password: PASSWORD } });
  modelId = model.id;
  deploymentId = (await createDeployment({ ctx: contextFor(t.db, ops), input: { modelId: model.id, environment: 'prod' } })).id;
  const key = (await createIngestionKey({ ctx: contextFor(t.db, ops), input: { deploymentId, name: 'k' } })).key;
  const principal = await authenticateIngestionKey(t.db, key);
  if (!principal) throw new Error('no key');
  // Ages shifted up by 25 years; income and the region mix as in the reference.
  const events = Array.from({ length: REFERENCE_ROWS }, (_, i) => {
    const row = reference[i] ?? [];
    const age = Number(row[0]) + 25;
    ages.push(age);
    regions.push(row[2] ?? '');
    return { event_id: `d-${i}`, timestamp: new Date(Date.now() - (REFERENCE_ROWS - i) * 1000).toISOString(), features: { age, income: Number(row[1]), region: row[2] }, prediction: 'no', model_version: 1 };
  });
  const result = await ingestEvents({ ctx: keyContextFor(t.db, principal, createMemoryBus()), input: { events } });
  expect(result.accepted).toBe(REFERENCE_ROWS);
});
afterAll(async () => t.close());

describe('drift report', () => {
  it('flags the shifted feature with the default method and matches lib/drift on the same values', async () => {
    const report = await driftReport({ ctx: contextFor(t.db, ops), input: { deploymentId, from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000), buckets: 4 } });
    expect(report).toMatchObject({ version: 1, referenceRows: REFERENCE_ROWS, currentRows: REFERENCE_ROWS });
    const byName = Object.fromEntries(report.features.map((f) => [f.feature, f]));
    // A 300-row reference: KS for numeric features, chi-square for a 3-category feature.
    expect(byName.age).toMatchObject({ method: 'ks', drifted: true });
    expect(byName.region).toMatchObject({ method: 'chisquare', drifted: false });
    const direct = featureDrift(Float64Array.from(reference, (r) => Number(r[0])), Float64Array.from(ages), { type: 'numeric' });
    expect(byName.age?.statistic).toBe(direct.statistic);
    expect(byName.age?.pValue).toBe(direct.pValue);
    const directRegion = featureDrift(reference.map((r) => r[2] ?? null), regions, { type: 'categorical' });
    expect(byName.region?.pValue).toBeCloseTo(directRegion.pValue ?? NaN, 12);
    expect(report.dataset).toMatchObject({ featureCount: 3, driftedCount: 1 });
    // Histograms: shares over shared bins, each side summing to 1.
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(byName.age?.histogram.reference ?? [])).toBeCloseTo(1, 10);
    expect(sum(byName.age?.histogram.current ?? [])).toBeCloseTo(1, 10);
    expect(byName.region?.histogram.bins).toEqual(['east', 'north', 'south']);
    // Drift over time: the window split into buckets, each with its own statistics.
    expect(report.series.reduce((n, b) => n + b.rows, 0)).toBe(REFERENCE_ROWS);
    expect(report.series.every((b) => b.features.age?.drifted)).toBe(true);
  });

  it('refuses people without a monitoring role', async () => {
    const approver = await createUserWithSession(t.db, ['approver']);
    await expect(driftReport({ ctx: contextFor(t.db, approver), input: { deploymentId, from: new Date(Date.now() - 3_600_000), to: new Date() } })).rejects.toThrow(ForbiddenError);
  });

  it('opens a feature drift alert for the drifted feature only, and a dataset drift alert when the share is reached', async () => {
    await evaluateAlerts(contextFor(t.db, null), { drift: driftEvaluator });
    const open = await listAlerts({ ctx: contextFor(t.db, ops), input: { deploymentId } });
    const drift = open.filter((a) => a.kind === 'feature_drift');
    expect(drift.map((a) => a.subject)).toEqual(['age']);
    expect(drift[0]?.title).toMatch(/Drift in “age” \(ks p-value/);
    // One feature of three drifted: below the default 50% dataset drift share.
    expect(open.filter((a) => a.kind === 'dataset_drift')).toEqual([]);
  });

  it('blocks approval on the drift gate while a critical drift alert is open, and asks the approvers to re-review the released version', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    await setTierPolicy({ ctx: contextFor(t.db, admin), input: { riskTier: 'low', policy: { ...DEFAULT_TIER_POLICIES.low, requireNoCriticalDrift: true } } });
    await createAlertRule({ ctx: contextFor(t.db, ops), input: { deploymentId, rule: { kind: 'feature_drift', feature: 'age', windowMinutes: 60, severity: 'critical' } } });
    await evaluateAlerts(contextFor(t.db, null), { drift: driftEvaluator });
    const [critical] = (await listAlerts({ ctx: contextFor(t.db, ops), input: { deploymentId } })).filter((a) => a.severity === 'critical');
    expect(critical).toMatchObject({ kind: 'feature_drift', subject: 'age', version: 1 });

    // Another release request of v1 (to staging) is held by the drift gate.
    const staging = await createReleaseRequest({ ctx: contextFor(t.db, ops), input: { modelId, version: 1, alias: 'staging', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } });
    const view = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: staging.id } });
    expect(view.gates[2]).toMatchObject({ key: 'drift', status: 'fail', detail: expect.stringContaining(critical?.reference ?? 'none') });
    await expect(signDecision({ ctx: contextFor(t.db, approver), input: { requestId: staging.id, decision: 'approve', reason: 'ok', meaning: view.viewer.meanings.approve, password: PASSWORD } })).rejects.toThrow(/No open critical drift alert/);

    // One click from the alert: a re-review of the released version, linked from the alert.
    const review = await requestReReview({ ctx: contextFor(t.db, ops), input: { alertId: critical?.id } });
    await expect(requestReReview({ ctx: contextFor(t.db, ops), input: { alertId: critical?.id } })).rejects.toThrow(/already asks the approvers/);
    const reviewView = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: review.id } });
    expect(reviewView.request).toMatchObject({ kind: 're_review', state: 'pending', version: 1, alias: 'production' });
    expect(reviewView.viewer.meanings.approve).toBe('I approve continued release of Drifting Model v1 on production');
    const alert = await getAlert({ ctx: contextFor(t.db, ops), input: { alertId: critical?.id } });
    expect(alert.openReview?.reference).toBe(review.reference);

    // Once ops resolve the alert, the gate passes again.
    await resolveAlert({ ctx: contextFor(t.db, ops), input: { alertId: critical?.id, note: 'Age shift is the new customer segment; model re-reviewed.' } });
    const after = await getReleaseRequest({ ctx: contextFor(t.db, approver), input: { requestId: staging.id } });
    expect(after.gates[2]?.status).toBe('pass');
  });
});
