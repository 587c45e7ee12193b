// Validation of prediction events against a model version's schemas, shared by the ingestion API
// and the simulator. An event is refused with every reason that applies; data-quality problems
// that a model can still serve (missing values, out-of-range numbers, unknown categories) are
// accepted and counted instead.
import { findUnsafeText, unsafeTextMessage } from '@/lib/text-guard';
import type { InputSchema, OutputSchema, TaskType } from '@/lib/validation/catalog';

export type RawEvent = Record<string, unknown>;

export type VersionShape = {
  versionId: string;
  taskType: TaskType;
  input: InputSchema;
  output: OutputSchema | null;
};

/** Column layout of a version's stored events: numeric and categorical features in schema order. */
export type Layout = { numeric: { name: string; min?: number; max?: number }[]; categorical: { name: string; categories: Set<string> }[]; names: Set<string> };

export function layoutOf(input: InputSchema): Layout {
  const numeric: Layout['numeric'] = [];
  const categorical: Layout['categorical'] = [];
  for (const f of input.features) {
    if (f.type === 'numeric') numeric.push({ name: f.name, min: f.min, max: f.max });
    else categorical.push({ name: f.name, categories: new Set(f.categories ?? []) });
  }
  return { numeric, categorical, names: new Set(input.features.map((f) => f.name)) };
}

export type CheckedEvent = {
  eventId: string;
  ts: Date;
  numeric: number[];
  categorical: (string | null)[];
  predictionLabel: string | null;
  predictionValue: number | null;
  probabilities: number[] | null;
  latencyMs: number | null;
  /** Per feature in layout order: [missing, outOfRange|unknownCategory] flags. */
  missing: number[];
  outOfRange: number[];
  unknownCategory: number[];
};

export type Refusal = { reasons: string[]; typeError: boolean };

/** Longest latency an event may report: a day (the column is a 4-byte float, and a longer one is a unit mistake). */
const MAX_LATENCY_MS = 86_400_000;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseTimestamp(value: unknown): Date | null {
  // Past ±8.64e15 ms a Date is invalid (and toISOString throws), so validity is checked for numbers too.
  const d = typeof value === 'number' || (typeof value === 'string' && value.length <= 64) ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

export function checkEvent(raw: RawEvent, shape: VersionShape, layout: Layout, bounds: { notAfter: Date; notBefore: Date }): CheckedEvent | Refusal {
  const reasons: string[] = [];
  let typeError = false;
  // Text Postgres cannot store refuses this event alone (the rest of the batch is still stored), and
  // is not counted as a data-quality type error: it says nothing about the model's inputs.
  const unsafe = findUnsafeText(raw, 'event');
  if (unsafe) return { reasons: [unsafeTextMessage(unsafe)], typeError: false };
  const eventId = raw.event_id;
  if (typeof eventId !== 'string' || eventId.length < 1 || eventId.length > 128) reasons.push('event_id must be a string of 1 to 128 characters.');
  const ts = parseTimestamp(raw.timestamp);
  if (!ts) reasons.push('timestamp must be an ISO 8601 date-time or epoch milliseconds.');
  else if (ts > bounds.notAfter) reasons.push(`timestamp ${ts.toISOString()} is too far in the future (more than ${Math.round((bounds.notAfter.getTime() - Date.now()) / 60_000)} minutes ahead).`);
  else if (ts < bounds.notBefore) reasons.push(`timestamp ${ts.toISOString()} is older than the retention period (${bounds.notBefore.toISOString().slice(0, 10)}).`);

  const features = raw.features;
  const numeric: number[] = new Array(layout.numeric.length);
  const categorical: (string | null)[] = new Array(layout.categorical.length);
  const missing: number[] = [];
  const outOfRange: number[] = [];
  const unknownCategory: number[] = [];
  if (!features || typeof features !== 'object' || Array.isArray(features)) {
    reasons.push('features must be an object of feature name to value.');
  } else {
    const f = features as Record<string, unknown>;
    for (const key of Object.keys(f)) if (!layout.names.has(key)) reasons.push(`unknown feature “${key}”.`);
    layout.numeric.forEach((col, i) => {
      const v = f[col.name];
      if (v === undefined || v === null) {
        numeric[i] = NaN;
        missing.push(1);
        outOfRange.push(0);
        return;
      }
      missing.push(0);
      if (typeof v !== 'number') {
        reasons.push(`feature “${col.name}” must be a number, got ${typeof v === 'string' ? `the string “${v.slice(0, 40)}”` : typeof v}.`);
        typeError = true;
        numeric[i] = NaN;
        outOfRange.push(0);
      } else if (!Number.isFinite(v)) {
        reasons.push(`feature “${col.name}” is ${String(v)}; only finite numbers are allowed (send null for a missing value).`);
        typeError = true;
        numeric[i] = NaN;
        outOfRange.push(0);
      } else {
        numeric[i] = v;
        outOfRange.push((col.min !== undefined && v < col.min) || (col.max !== undefined && v > col.max) ? 1 : 0);
      }
    });
    layout.categorical.forEach((col, i) => {
      const v = f[col.name];
      if (v === undefined || v === null) {
        categorical[i] = null;
        missing.push(1);
        unknownCategory.push(0);
        return;
      }
      missing.push(0);
      if (typeof v !== 'string') {
        reasons.push(`feature “${col.name}” must be a string (a category), got ${typeof v}.`);
        typeError = true;
        categorical[i] = null;
        unknownCategory.push(0);
      } else {
        categorical[i] = v;
        unknownCategory.push(col.categories.size > 0 && !col.categories.has(v) ? 1 : 0);
      }
    });
  }

  let predictionLabel: string | null = null;
  let predictionValue: number | null = null;
  const labels = shape.output?.classLabels ?? [];
  const p = raw.prediction;
  if (shape.taskType === 'regression') {
    if (!finite(p)) {
      reasons.push('prediction must be a finite number for a regression model.');
      typeError = typeError || typeof p !== 'number';
    } else predictionValue = p;
  } else if (typeof p === 'string' && (labels.length === 0 || labels.includes(p))) predictionLabel = p;
  else if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p < labels.length) predictionLabel = labels[p] ?? null;
  else reasons.push(`prediction must be one of the class labels (${labels.slice(0, 10).join(', ')}) or its index.`);

  let probabilities: number[] | null = null;
  if (raw.probabilities !== undefined && raw.probabilities !== null) {
    const probs = raw.probabilities;
    if (shape.taskType !== 'regression' && finite(probs) && labels.length === 2) {
      if (probs < 0 || probs > 1) reasons.push('probabilities must lie between 0 and 1.');
      else predictionValue = probs;
    } else if (Array.isArray(probs) && probs.length === labels.length && probs.every(finite)) {
      if (probs.some((x) => x < 0 || x > 1)) reasons.push('probabilities must lie between 0 and 1.');
      else {
        probabilities = probs;
        // The positive class's probability, for binary performance metrics.
        if (labels.length === 2) {
          const positive = shape.output?.positiveClass ?? labels[1];
          predictionValue = probs[Math.max(0, labels.indexOf(positive ?? ''))] ?? null;
        }
      }
    } else {
      reasons.push(`probabilities must be ${labels.length === 2 ? 'the positive-class probability or ' : ''}an array of ${labels.length} finite numbers, one per class label.`);
    }
  }

  let latencyMs: number | null = null;
  if (raw.latency_ms !== undefined && raw.latency_ms !== null) {
    if (!finite(raw.latency_ms) || raw.latency_ms < 0 || raw.latency_ms > MAX_LATENCY_MS) reasons.push(`latency_ms must be a number from 0 to ${MAX_LATENCY_MS} (one day).`);
    else latencyMs = raw.latency_ms;
  }

  if (reasons.length > 0 || !ts || typeof eventId !== 'string') return { reasons, typeError };
  return { eventId, ts, numeric, categorical, predictionLabel, predictionValue, probabilities, latencyMs, missing, outOfRange, unknownCategory };
}

export const isRefusal = (r: CheckedEvent | Refusal): r is Refusal => 'reasons' in r;
