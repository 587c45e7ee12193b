// Drift reports read the window from the database and the baseline from the version's reference
// dataset, and give exactly what lib/drift gives on the same values (itself checked against scipy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureDrift } from '@/lib/drift';
import { ForbiddenError } from '@/server/errors';
import { createMemoryBus } from '@/server/events/memory-bus';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { creditCsv, tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../catalog/create-version';
import { registerModel } from '../catalog/register-model';
import type { SessionUser } from '../context';
import { evaluateAlerts } from './alerts/evaluate';
import { driftEvaluator } from './alerts/drift-rules';
import { listAlerts } from './alerts/workflow';
import { createDeployment } from './deployments';
import { driftReport } from './drift';
import { ingestEvents } from './ingest';
import { authenticateIngestionKey, createIngestionKey } from './ingestion-keys';

let t: TestDatabase;
let ops: SessionUser;
let deploymentId: string;
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
  const result = await ingestEvents(t.db, createMemoryBus(), principal, { events });
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
});
