// Saves an in-browser evaluation as immutable evidence. For a dataset stored on the server (the
// version's reference dataset or any other stored one) a worker thread rebuilds the evaluable rows
// and labels, recomputes the metrics from the uploaded predictions, and runs the version's model
// itself on a random sample of rows chosen after the upload: the evaluation is saved as verified
// only when all of it agrees. A refusal is audited and names the rows, never the server's values.
// A local dataset is saved marked as not verified.
import 'server-only';
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { evaluationRefusal, missingForEvaluation, schemaTabHref } from '@/lib/evaluation/readiness';
import { decodePredictions, metricMismatches, SUMMARY_METRICS } from '@/lib/evaluation/summary';
import type { TaskType } from '@/lib/validation/catalog';
import { saveEvaluationSchema, type SaveEvaluationOutput } from '@/lib/validation/evaluations';
import { postgresArtifactStore, readAll } from '@/server/artifacts/store';
import { datasets, evaluations, versionFiles, type Dataset, type ModelVersion, type RegisteredModel } from '@/server/db/schema';
import { env } from '@/server/env';
import { ConflictError, NotFoundError, ValidationError } from '@/server/errors';
import { requireCapability } from '../authorize';
import { CATALOG_CHANGED } from '../catalog/events';
import { findVersion } from '../catalog/find-version';
import type { ServiceContext, VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { OUTPUT_TOLERANCE } from './verify/tolerance';
import { verifyInWorker } from './verify/run-in-worker';

export async function saveEvaluation({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'evaluation.save');
  const data = parseInput(saveEvaluationSchema, input);
  // Verifying against another stored dataset reads its rows, so it takes the right to read them.
  if (data.dataset.source === 'stored') requireCapability(ctx, 'dataset.read');
  const { version, model } = await findVersion(ctx.db, data.modelId, data.version);
  refuseUnknownMetrics(model.taskType, data.metrics);
  let predictions: Float32Array;
  try {
    predictions = decodePredictions(data.predictions);
  } catch {
    throw new ValidationError('The predictions are not base64-encoded float32 values.', { rule: 'predictions_encoding' });
  }
  const predictionsSha256 = createHash('sha256').update(new Uint8Array(predictions.buffer, predictions.byteOffset, predictions.byteLength)).digest('hex');
  if (predictionsSha256 !== data.predictionsSha256) {
    throw new ValidationError('The predictions do not match their SHA-256: they changed on the way. Save again.', { rule: 'predictions_digest' });
  }

  let verified = false;
  let note = 'Local data, not verified by the server.';
  let datasetName = data.dataset.name;
  if (data.dataset.source !== 'local') {
    const dataset = await datasetOnServer(ctx, version, data.dataset);
    const check = await verifyOnServer(ctx, { data, version, model, dataset, predictions });
    verified = true;
    // The server's name for the data, not the browser's; a stored dataset is named by id too,
    // since evaluations have no column for it and names repeat across versions.
    datasetName = dataset.name;
    const labels = data.dataset.source === 'reference' ? 'the stored labels' : `the labels of stored dataset ${dataset.id}`;
    note =
      `Verified by the server: metrics recomputed from ${check.evaluated} predictions and ${labels}; ` +
      `the model run by the server on ${check.sampled} randomly chosen rows agreed with the uploaded predictions within ${OUTPUT_TOLERANCE}.`;
  }

  return mutate(ctx, async ({ tx, audit, publish }) => {
    const stored = await postgresArtifactStore(tx).put(new Uint8Array(predictions.buffer, predictions.byteOffset, predictions.byteLength));
    const [row] = await tx
      .insert(evaluations)
      .values({
        versionId: version.id,
        contentDigest: version.contentDigest,
        // The column is plain text; its $type in server/db/schema/evaluations.ts predates 'stored'.
        datasetSource: data.dataset.source,
        datasetName,
        datasetSha256: data.dataset.sha256,
        datasetRowCount: data.dataset.rowCount,
        labelColumn: data.labelColumn,
        backend: data.backend,
        adapter: data.adapter,
        tfjsVersion: data.tfjsVersion,
        wasmThreads: data.wasmThreads,
        timings: data.timings,
        threshold: data.threshold,
        metrics: data.metrics,
        evaluatedRows: data.evaluatedRows,
        droppedRows: data.droppedRows.length,
        predictionsSha256: stored.sha256,
        verified,
        verificationNote: note,
        createdBy: user.id,
        createdByName: user.name,
      })
      .returning();
    if (!row) throw new Error('evaluation insert returned nothing');
    await audit({
      action: 'evaluation.saved',
      entityType: 'evaluation',
      entityId: row.id,
      after: {
        model: model.name,
        version: version.version,
        contentDigest: version.contentDigest,
        dataset: data.dataset,
        backend: data.backend,
        adapter: data.adapter,
        wasmThreads: data.wasmThreads,
        metrics: data.metrics,
        verified,
        predictionsSha256: stored.sha256,
      },
    });
    publish(CATALOG_CHANGED(model.id));
    // Release gates read saved evaluations: open request pages re-check them.
    publish({ type: 'evaluation.saved', entityId: version.id, topics: ['evaluations', 'releases'], audience: 'all' });
    return { id: row.id, verified, verificationNote: note };
  });
}

/**
 * The server verifies only the metrics it recomputes, so any other key would be saved (and shown
 * to the approval gate) as verified without having been checked: only the task type's summary
 * metrics may be saved, for local data too.
 */
function refuseUnknownMetrics(taskType: TaskType, metrics: Record<string, unknown>) {
  const allowed = SUMMARY_METRICS[taskType];
  const unknown = Object.keys(metrics).filter((key) => !allowed.includes(key));
  if (unknown.length === 0) return;
  const names = unknown.map((key) => `“${key}”`).join(', ');
  throw new ValidationError(
    `A ${taskType.replace(/_/g, ' ')} evaluation does not record the ${unknown.length === 1 ? 'metric' : 'metrics'} ${names}; send only ${allowed.join(', ')}. Nothing was saved.`,
    { rule: 'unknown_metric', metrics: unknown },
  );
}

type ClaimedDataset = Exclude<SaveEvaluationOutput['dataset'], { source: 'local' }>;

type Verification = { data: SaveEvaluationOutput; version: ModelVersion; model: RegisteredModel; dataset: Dataset; predictions: Float32Array };

/**
 * Checks the evidence against the stored dataset and the version's own model (in a worker thread)
 * and returns what was checked; throws on any disagreement, after auditing it.
 */
async function verifyOnServer(ctx: ServiceContext, { data, version, model, dataset, predictions }: Verification) {
  const { inputSchema, outputSchema, preprocessing, rawFeatureInputs: rawInputs } = version;
  const fileRows = await ctx.db.select().from(versionFiles).where(eq(versionFiles.versionId, version.id)).orderBy(asc(versionFiles.position));
  // A graph with one named input per feature is fed by its recorded raw-feature mapping instead of a spec.
  const missing = missingForEvaluation({ ...version, files: fileRows });
  if (missing.length > 0 || !inputSchema || !outputSchema) {
    const { message, fix } = evaluationRefusal(version.version, missing);
    const schemaTab = schemaTabHref(model.id, version.version);
    throw new ValidationError(`${message} ${fix} ${schemaTab}`, { rule: 'version_not_evaluable', missing, schemaTab });
  }
  const store = postgresArtifactStore(ctx.db);
  const read = async (sha256: string, what: string) => {
    const opened = await store.open(sha256);
    if (!opened) throw new ConflictError(`The stored bytes of ${what} are missing.`);
    return readAll(opened.stream);
  };
  const csv = await read(dataset.sha256, 'the dataset');
  const files = [];
  for (const f of fileRows) files.push({ name: f.name, bytes: await read(f.sha256, `the model file ${f.name}`) });
  const target = outputSchema.target;
  const mapping = data.labelColumn !== target ? { ...data.mapping, [target]: data.labelColumn } : data.mapping;

  const outcome = await verifyInWorker({
    csv,
    schema: { inputSchema, outputSchema, preprocessing, rawInputs },
    taskType: model.taskType,
    mapping,
    predictions,
    threshold: data.threshold ?? 0.5,
    model: { format: version.format, files },
    sampleRows: env.EVALUATION_VERIFY_SAMPLE_ROWS,
  });
  if (outcome.status === 'unusable') throw new ValidationError(`The stored dataset cannot be evaluated for this version: ${outcome.message}`, { rule: 'dataset_unusable' });
  if (outcome.status === 'model') {
    throw new ValidationError(`The server could not run this version's model to verify the evaluation, so it was not saved. ${outcome.message}`, { rule: 'model_not_verifiable' });
  }
  if (outcome.status === 'limit') {
    throw new ValidationError(`The evaluation could not be verified within the server's limits, so it was not saved. ${outcome.message} Evaluate a smaller dataset, or ask an admin to raise the limit.`, {
      rule: 'verification_limit',
    });
  }
  if (outcome.status === 'length') {
    throw new ValidationError(`The predictions cover ${outcome.claimed} rows but ${outcome.evaluable} rows of the stored dataset are evaluable.`, { rule: 'predictions_length' });
  }
  const refuse = async (rule: string, message: string, details: Record<string, unknown>): Promise<never> => {
    // A refused verification leaves a trace (who tried what, and which check failed), but saves nothing else.
    await mutate(ctx, async ({ audit }) =>
      audit({
        action: 'evaluation.verification_failed',
        entityType: 'model_version',
        entityId: version.id,
        after: { model: model.name, version: version.version, contentDigest: version.contentDigest, dataset: data.dataset, backend: data.backend, predictionsSha256: data.predictionsSha256, rule, ...details },
      }),
    );
    throw new ValidationError(`${message} Nothing was saved.`, { rule, ...details });
  };
  const claimedDropped = [...data.droppedRows].sort((a, b) => a - b);
  if (outcome.evaluated !== data.evaluatedRows || outcome.dropped.length !== claimedDropped.length || outcome.dropped.some((row, i) => row !== claimedDropped[i])) {
    return refuse('rows_mismatch', `The evaluation used ${data.evaluatedRows} rows; the stored dataset has ${outcome.evaluated} evaluable rows.`, {});
  }
  if (outcome.disagreeing.length > 0) {
    const rows = outcome.disagreeing;
    const shown = rows.slice(0, 20).join(', ') + (rows.length > 20 ? `, and ${rows.length - 20} more` : '');
    return refuse(
      'predictions_mismatch',
      `The uploaded predictions are not this version's: the server ran the model on ${outcome.sampled} randomly chosen rows and ${rows.length} disagree beyond the tolerance of ${OUTPUT_TOLERANCE} (data rows ${shown}; 0-based, header excluded).`,
      { rows, sampled: outcome.sampled },
    );
  }
  const wrong = metricMismatches(data.metrics, outcome.metrics);
  if (wrong.length > 0) {
    return refuse('metrics_mismatch', `The metrics do not follow from the uploaded predictions and the stored labels: ${wrong.join(', ')}.`, { metrics: wrong });
  }
  return outcome;
}

/** The stored dataset the browser says it evaluated, after checking it is that very data. */
async function datasetOnServer(ctx: ServiceContext, version: ModelVersion, claimed: ClaimedDataset): Promise<Dataset> {
  const id = claimed.source === 'reference' ? version.referenceDatasetId : claimed.id;
  const [dataset] = id ? await ctx.db.select().from(datasets).where(eq(datasets.id, id)) : [];
  if (claimed.source === 'reference') {
    if (!dataset) throw new ConflictError('This version has no reference dataset on the server.');
    if (dataset.sha256 !== claimed.sha256) throw new ConflictError('The reference dataset changed since this evaluation started; run it again.');
  } else {
    if (!dataset) throw new NotFoundError(`There is no stored dataset ${claimed.id}.`);
    if (dataset.sha256 !== claimed.sha256) throw new ConflictError(`The evaluated data is not stored dataset ${dataset.name} (its SHA-256 differs); run it again.`);
  }
  if (dataset.rowCount !== claimed.rowCount) {
    throw new ValidationError(`The evaluation read ${claimed.rowCount} rows; ${dataset.name} has ${dataset.rowCount}.`, { rule: 'rows_mismatch' });
  }
  return dataset;
}
