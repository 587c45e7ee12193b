// Saves an in-browser evaluation as immutable evidence. For a dataset stored on the server (the
// version's reference dataset or any other stored one) the metrics are recomputed from the uploaded
// predictions and must match; a local dataset is saved marked as not verified.
import 'server-only';
import { eq } from 'drizzle-orm';
import { decodePredictions, metricMismatches, SUMMARY_METRICS } from '@/lib/evaluation/summary';
import type { TaskType } from '@/lib/validation/catalog';
import { saveEvaluationSchema, type SaveEvaluationOutput } from '@/lib/validation/evaluations';
import { postgresArtifactStore, readAll } from '@/server/artifacts/store';
import { datasets, evaluations, type Dataset, type ModelVersion } from '@/server/db/schema';
import { ConflictError, NotFoundError, ValidationError } from '@/server/errors';
import { requireCapability } from '../authorize';
import { CATALOG_CHANGED } from '../catalog/events';
import { findVersion } from '../catalog/find-version';
import type { ServiceContext, VerbArgs } from '../context';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { recomputeFromStoredDataset } from './recompute';

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

  let verified = false;
  let note = 'Local data, not verified by the server.';
  let datasetName = data.dataset.name;
  if (data.dataset.source !== 'local') {
    const dataset = await datasetOnServer(ctx, version, data.dataset);
    if (!version.inputSchema || !version.preprocessing) throw new ValidationError('This version has no input schema and preprocessing spec, so it cannot be evaluated.', { rule: 'no_preprocessing' });
    const opened = await postgresArtifactStore(ctx.db).open(dataset.sha256);
    if (!opened) throw new ConflictError('The stored bytes of the dataset are missing.');
    const csv = new TextDecoder().decode(await readAll(opened.stream));
    const check = recomputeFromStoredDataset({
      csv,
      schema: { inputSchema: version.inputSchema, outputSchema: version.outputSchema, preprocessing: version.preprocessing },
      taskType: model.taskType,
      labelColumn: data.labelColumn,
      predictions,
      threshold: data.threshold ?? 0.5,
    });
    if (check.evaluated !== data.evaluatedRows || check.dropped.join(',') !== [...data.droppedRows].sort((a, b) => a - b).join(',')) {
      throw new ValidationError(`The evaluation used ${data.evaluatedRows} rows; the stored dataset has ${check.evaluated} evaluable rows.`, { rule: 'rows_mismatch' });
    }
    const wrong = metricMismatches(data.metrics, check.metrics);
    if (wrong.length > 0) {
      const detail = wrong.map((k) => `${k}: claimed ${data.metrics[k] ?? 'none'}, recomputed ${check.metrics[k] ?? 'none'}`).join('; ');
      throw new ValidationError(`The metrics do not match the server's recomputation from the predictions (${detail}). Nothing was saved.`, { rule: 'metrics_mismatch', metrics: wrong });
    }
    verified = true;
    // The server's name for the data, not the browser's; a stored dataset is named by id too,
    // since evaluations have no column for it and names repeat across versions.
    datasetName = dataset.name;
    note =
      data.dataset.source === 'reference'
        ? `Verified by the server: metrics recomputed from ${check.evaluated} predictions and the stored labels.`
        : `Verified by the server: metrics recomputed from ${check.evaluated} predictions and the labels of stored dataset ${dataset.id}.`;
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
