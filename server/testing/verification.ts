// What every test of a refused verification checks, as an auditor would: the save is refused with a
// ValidationError, no evaluation is stored, and the refusal is the newest audit row.
import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { encodePredictions, summarise } from '@/lib/evaluation/summary';
import type { Database } from '@/server/db/connect';
import { auditEvents, evaluations } from '@/server/db/schema';
import { ValidationError } from '@/server/errors';
import { sha256Of } from './honest-predictions';

export async function expectVerificationRefused(db: Database, save: (input: unknown) => Promise<unknown>, input: unknown, audited: Record<string, unknown>) {
  const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(evaluations))[0]?.n ?? 0;
  const before = await count();
  const error = await save(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect(await count()).toBe(before);
  const [audit] = await db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  expect(audit).toMatchObject({ action: 'evaluation.verification_failed', ...audited });
  return { error: error as ValidationError, audit: audit! };
}

/** What the Evaluate page saves for a binary classifier run on ONNX Runtime's WASM build over a
 * version's stored reference dataset: the evidence the verification tests send, honest or not. */
export function onnxBinaryEvidence(run: { modelId: string; datasetName: string; labelColumn: string; csv: Uint8Array; labels: number[] }, predictions: Float32Array) {
  return {
    modelId: run.modelId,
    version: 1,
    dataset: { source: 'reference', name: run.datasetName, sha256: createHash('sha256').update(run.csv).digest('hex'), rowCount: run.labels.length },
    labelColumn: run.labelColumn,
    backend: 'wasm',
    adapter: null,
    tfjsVersion: 'onnxruntime-web 1.23.0',
    timings: { loadMs: 1, inferenceMs: 1, totalMs: 2 },
    threshold: 0.5,
    metrics: summarise('binary_classification', predictions, run.labels, { classCount: 1, threshold: 0.5 }),
    predictions: encodePredictions(predictions),
    predictionsSha256: sha256Of(predictions),
    evaluatedRows: run.labels.length,
    droppedRows: [],
  };
}
