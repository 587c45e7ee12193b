// A drift statistics thread: the figures of the numeric features it is sent (lib/drift/figures),
// read from the window's columns in shared memory, without copying them. It holds no database handle.
import { parentPort } from 'node:worker_threads';
import { numericFigures, type NumericFigureOptions, type NumericFigures } from '@/lib/drift/figures';
import type { NumericSample } from '@/lib/drift/numeric';
import type { RowGroups } from '@/lib/drift/placement';

export type FeatureJob = { key: string; reference: NumericSample; column: Float64Array; options: NumericFigureOptions };
export type FiguresGroups = RowGroups & { sizes: Int32Array };
export type FiguresJob = { id: number; features: FeatureJob[]; histograms: boolean; groups: FiguresGroups | null };
export type FiguresAnswer = { id: number; ok: true; figures: NumericFigures[] } | { id: number; ok: false; message: string };

// A reference arrives as a copy with every job; the first copy of each is kept, so its lookup index
// (built on first placement, cached per sample object) is built once per thread.
const samples = new Map<string, NumericSample>();

function sampleOf(job: FeatureJob): NumericSample {
  const kept = samples.get(job.key);
  if (kept) return kept;
  samples.set(job.key, job.reference);
  if (samples.size > 256) samples.delete(samples.keys().next().value as string);
  return job.reference;
}

const port = parentPort;
port?.on('message', (job: FiguresJob) => {
  let answer: FiguresAnswer;
  try {
    const groups = job.groups ?? undefined;
    answer = { id: job.id, ok: true, figures: job.features.map((f) => numericFigures(sampleOf(f), f.column, f.options, job.histograms, groups)) };
  } catch (e) {
    answer = { id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(answer);
});
