// The demo's history, made through the same service verbs people use: a server-verified evaluation
// of the credit model (run here with TF.js on the CPU, exactly as the browser would), releases to
// production signed by the demo approver and risk reviewer, requests waiting for signatures, and
// deployments that the traffic simulator feeds.
import 'server-only';
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { eq } from 'drizzle-orm';
import { parseCsv } from '@/lib/datasets/csv';
import { planColumns } from '@/lib/evaluation/plan';
import { createPreprocessor } from '@/lib/evaluation/preprocess';
import { labelEncoder } from '@/lib/evaluation/labels';
import { encodePredictions, outputsPerRow, summarise } from '@/lib/evaluation/summary';
import { postgresArtifactStore, readAll } from '@/server/artifacts/store';
import { createMemoryBus } from '@/server/events/memory-bus';
import { findVersion } from '@/server/services/catalog/find-version';
import { resolveModel } from '@/server/services/catalog/get-model';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import { saveEvaluation } from '@/server/services/evaluations/save-evaluation';
import { createDeployment } from '@/server/services/monitoring/deployments';
import { getReleaseRequest } from '@/server/services/releases/get-release-request';
import { createReleaseRequest } from '@/server/services/releases/request-release';
import { signDecision } from '@/server/services/releases/sign-decision';
import type { Database } from './connect';
import { datasets, users, versionFiles } from './schema';
import type { SeededUser } from './seed';

const bus = createMemoryBus();
const ctxFor = (db: Database, user: SessionUser): ServiceContext => ({ db, bus, user, request: { requestId: 'seed', ip: null, userAgent: 'modelgate-seed' } });

async function asUser(db: Database, seeded: SeededUser[], role: string) {
  const person = seeded.find((u) => u.roles.includes(role as SessionUser['roles'][number]));
  if (!person) throw new Error(`no demo ${role}`);
  const [row] = await db.select().from(users).where(eq(users.id, person.id));
  if (!row) throw new Error(`demo ${role} missing`);
  return { user: { id: row.id, email: row.email, name: row.name, roles: row.roles, sessionId: null } satisfies SessionUser, password: person.password };
}

/** Runs the version on its reference dataset with TF.js (CPU) and saves the result; the server verifies it. */
async function evaluateOnReference(db: Database, evaluator: SessionUser, modelName: string, versionNumber: number) {
  const model = await resolveModel(db, modelName);
  const { version } = await findVersion(db, model.id, versionNumber);
  if (!version.inputSchema || !version.preprocessing || !version.outputSchema || !version.referenceDatasetId) throw new Error(`${modelName} v${versionNumber} cannot be evaluated`);
  const [dataset] = await db.select().from(datasets).where(eq(datasets.id, version.referenceDatasetId));
  const store = postgresArtifactStore(db);
  const bytes = async (sha256: string) => {
    const opened = await store.open(sha256);
    if (!opened) throw new Error('missing bytes');
    return readAll(opened.stream);
  };
  if (!dataset) throw new Error('missing dataset');
  const csv = new TextDecoder().decode(await bytes(dataset.sha256));
  const files = await db.select().from(versionFiles).where(eq(versionFiles.versionId, version.id));
  const modelJson = JSON.parse(new TextDecoder().decode(await bytes(files.find((f) => f.name === 'model.json')?.sha256 ?? ''))) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const shards = await Promise.all(modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => bytes(files.find((f) => f.name === p)?.sha256 ?? '')));
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  let offset = 0;
  for (const s of shards) (weightData.set(s, offset), (offset += s.byteLength));

  await tf.setBackend('cpu');
  const started = performance.now();
  const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights), weightData: weightData.buffer }));
  const loadMs = performance.now() - started;
  const schema = { inputSchema: version.inputSchema, outputSchema: version.outputSchema, preprocessing: version.preprocessing };
  const { header, rows } = parseCsv(csv);
  const plan = planColumns(header, schema);
  const batch = createPreprocessor(schema, plan).encodeBatch(rows);
  const width = batch.x.length / Math.max(1, batch.rows);
  const predictions = tf.tidy(() => (loaded.predict(tf.tensor2d(batch.x, [batch.rows, width])) as tf.Tensor).dataSync() as Float32Array).slice();
  const inferenceMs = performance.now() - started - loadMs;
  const target = version.outputSchema.target;
  // The demo's reference rows are all complete, so every row is evaluated, in order.
  const encodeLabel = labelEncoder(version.outputSchema, model.taskType);
  const labels = batch.labels.map((label) => encodeLabel(label) ?? Number.NaN);
  const classCount = outputsPerRow(model.taskType, version.outputSchema.classLabels?.length ?? 0);
  const metrics = summarise(model.taskType, predictions, labels, { classCount, threshold: 0.5 });
  return saveEvaluation({
    ctx: ctxFor(db, evaluator),
    input: {
      modelId: model.id,
      version: versionNumber,
      dataset: { source: 'reference', name: dataset.name, sha256: dataset.sha256, rowCount: dataset.rowCount },
      labelColumn: target,
      backend: 'cpu',
      adapter: null,
      tfjsVersion: tf.version.tfjs,
      timings: { loadMs, inferenceMs, totalMs: loadMs + inferenceMs },
      threshold: 0.5,
      metrics,
      predictions: encodePredictions(predictions),
      predictionsSha256: createHash('sha256').update(new Uint8Array(predictions.buffer, predictions.byteOffset, predictions.byteLength)).digest('hex'),
      evaluatedRows: batch.rows,
      droppedRows: [],
    },
  });
}

async function release(db: Database, requester: SessionUser, signers: { user: SessionUser; password: string; reason: string }[], modelName: string, version: number, alias: 'staging' | 'production', texts: { changeSummary: string; expectedImpact: string; rollbackPlan: string }) {
  const model = await resolveModel(db, modelName);
  const request = await createReleaseRequest({ ctx: ctxFor(db, requester), input: { modelId: model.id, version, alias, ...texts } });
  for (const s of signers) {
    const view = await getReleaseRequest({ ctx: ctxFor(db, s.user), input: { requestId: request.id } });
    await signDecision({ ctx: ctxFor(db, s.user), input: { requestId: request.id, decision: 'approve', reason: s.reason, meaning: view.viewer.meanings.approve, password: s.password } });
  }
  return { model, request };
}

export async function seedDemoWorkflows(db: Database, seeded: SeededUser[]) {
  const scientist = await asUser(db, seeded, 'data_scientist');
  const approver = await asUser(db, seeded, 'approver');
  const risk = await asUser(db, seeded, 'risk_reviewer');
  const ops = await asUser(db, seeded, 'ops');

  // Credit (high risk): v2 evaluated, approved by business and risk, in production; v3 waits.
  await evaluateOnReference(db, risk.user, 'Credit default risk', 2);
  const credit = await release(
    db,
    scientist.user,
    [
      { ...approver, reason: 'Approval rate impact reviewed with the lending team; within appetite.' },
      { ...risk, reason: 'Validation on the holdout reproduced by the server; fairness section reviewed.' },
    ],
    'Credit default risk',
    2,
    'production',
    { changeSummary: 'Adds bureau inquiry features; better ranking than v1.', expectedImpact: 'About 3% fewer defaults at the same approval rate.', rollbackPlan: 'Roll production back to the rules-based scorecard (no earlier model) and re-review.' },
  );
  await createReleaseRequest({
    ctx: ctxFor(db, scientist.user),
    input: { modelId: credit.model.id, version: 3, alias: 'production', changeSummary: 'Retrained on 2026 Q3 applications; best ROC AUC and calibration of the three.', expectedImpact: 'Better-calibrated probabilities for expected-loss figures.', rollbackPlan: 'Roll production back to v2.' },
  });

  // Iris (low risk): v1 in production with one approval.
  await release(db, scientist.user, [{ ...approver, reason: 'Demo classifier; accuracy acceptable.' }], 'Iris species', 1, 'production', {
    changeSummary: 'First release of the species classifier.',
    expectedImpact: 'Replaces manual labelling in the field app.',
    rollbackPlan: 'Switch the field app back to manual labelling.',
  });

  // Deployments the traffic simulator feeds.
  for (const [name, environment] of [
    ['Credit default risk', 'prod-eu'],
    ['Iris species', 'prod-us'],
  ] as const) {
    const model = await resolveModel(db, name);
    await createDeployment({ ctx: ctxFor(db, ops.user), input: { modelId: model.id, environment, description: 'Demo deployment fed by the traffic simulator.' } });
  }
}
