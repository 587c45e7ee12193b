// What one simulated event looks like: a reference row drawn at random (bootstrap), a little noise
// on its numeric features, the drift injections, a lognormal latency. Pure and seeded: no network,
// no TF.js, so the tests pin every transform.
import { isMissing, parseCsv, parseNumber } from '@/lib/datasets/csv';
import type { InputSchema, TaskType } from '@/lib/validation/catalog';
import type { Rng } from '../demo/rng';
import type { DriftSpec } from './options';

export type Value = number | string | null;
export type Row = Record<string, Value>;
export type TrueLabel = string | number | null;

type NumericInfo = { std: number; decimals: number; min?: number; max?: number };

export type Reference = {
  inputSchema: InputSchema;
  rows: Row[];
  /** The target column of each row: the true label to send later. */
  labels: TrueLabel[];
  numeric: Map<string, NumericInfo>;
  /** Per categorical feature, each category's share of the non-missing reference values. */
  shares: Map<string, Map<string, number>>;
};

/** Noise on a numeric feature: this fraction of its reference standard deviation. */
export const NOISE = 0.05;
/** Spread of latencies around the median: ln-space standard deviation. */
export const LATENCY_SIGMA = 0.35;

const decimalsOf = (text: string) => {
  const t = text.trim();
  const dot = t.indexOf('.');
  if (dot < 0 || /e/i.test(t)) return 0;
  return Math.min(6, t.length - dot - 1);
};

export function readReference(csv: string, inputSchema: InputSchema, target: string, taskType: TaskType): Reference {
  const { header, rows: raw } = parseCsv(csv);
  const column = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`The reference dataset has no column “${name}”.`);
    return i;
  };
  const targetAt = header.indexOf(target);
  const rows: Row[] = raw.map(() => ({}));
  const numeric = new Map<string, NumericInfo>();
  const shares = new Map<string, Map<string, number>>();
  for (const f of inputSchema.features) {
    const i = column(f.name);
    if (f.type === 'numeric') {
      let decimals = 0;
      const values: number[] = [];
      raw.forEach((r, n) => {
        const text = r[i] ?? '';
        const x = isMissing(text) ? null : parseNumber(text);
        (rows[n] as Row)[f.name] = x;
        if (x !== null) {
          values.push(x);
          decimals = Math.max(decimals, decimalsOf(text));
        }
      });
      const mean = values.reduce((s, x) => s + x, 0) / Math.max(1, values.length);
      const std = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, values.length));
      numeric.set(f.name, { std, decimals, min: f.min, max: f.max });
    } else {
      const counts = new Map<string, number>();
      let total = 0;
      raw.forEach((r, n) => {
        const text = r[i] ?? '';
        const x = isMissing(text) ? null : text.trim();
        (rows[n] as Row)[f.name] = x;
        if (x !== null) {
          counts.set(x, (counts.get(x) ?? 0) + 1);
          total += 1;
        }
      });
      shares.set(f.name, new Map([...counts].map(([k, c]) => [k, c / total])));
    }
  }
  const labels: TrueLabel[] = raw.map((r) => {
    const text = targetAt < 0 ? '' : (r[targetAt] ?? '');
    if (isMissing(text)) return null;
    return taskType === 'regression' ? parseNumber(text) : text.trim();
  });
  if (rows.length === 0) throw new Error('The reference dataset has no rows to draw from.');
  return { inputSchema, rows, labels, numeric, shares };
}

const roundTo = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/** Small noise on each numeric value, kept at the reference's precision and inside the schema's range. */
export function jitter(row: Row, ref: Reference, rng: Rng, noise = NOISE): Row {
  const out: Row = { ...row };
  for (const [name, info] of ref.numeric) {
    const x = out[name];
    if (typeof x !== 'number' || info.std === 0 || noise === 0) continue;
    let y = roundTo(x + rng.normal(0, noise * info.std), info.decimals);
    if (info.min !== undefined) y = Math.max(info.min, y);
    if (info.max !== undefined) y = Math.min(info.max, y);
    out[name] = y;
  }
  return out;
}

/** Checks drift specs against the version's schema: numeric transforms on numeric features, mixes on categorical ones. */
export function checkDrift(specs: DriftSpec[], inputSchema: InputSchema): string[] {
  const features = new Map(inputSchema.features.map((f) => [f.name, f]));
  const problems: string[] = [];
  for (const s of specs) {
    const f = features.get(s.feature);
    if (!f) problems.push(`--${s.kind} ${s.feature}: not a feature of this version (features: ${[...features.keys()].join(', ')}).`);
    else if (s.kind === 'mix' && f.type !== 'categorical') problems.push(`--mix ${s.feature}: a mix changes a categorical feature; use --shift or --scale on a numeric one.`);
    else if (s.kind !== 'mix' && f.type !== 'numeric') problems.push(`--${s.kind} ${s.feature}: ${s.kind} changes a numeric feature; use --mix on a categorical one.`);
  }
  return problems;
}

/**
 * Applies the drift specs in order. Shift and scale change the value (missing stays missing; the
 * result is not clamped, so out-of-range values show as such). A mix makes `value` take share
 * `share`: with that probability the row gets it; otherwise a row that had it is redrawn from
 * the other categories in their reference proportions.
 */
export function applyDrift(row: Row, specs: DriftSpec[], ref: Reference, rng: Rng): Row {
  if (specs.length === 0) return row;
  const out: Row = { ...row };
  for (const s of specs) {
    const x = out[s.feature];
    if (s.kind === 'shift' || s.kind === 'scale') {
      if (typeof x !== 'number') continue;
      const y = s.kind === 'shift' ? x + s.amount : x * s.factor;
      out[s.feature] = roundTo(y, Math.max(ref.numeric.get(s.feature)?.decimals ?? 6, decimalsOf(String(s.kind === 'shift' ? s.amount : 0))));
      continue;
    }
    if (rng.uniform() < s.share) {
      out[s.feature] = s.value;
    } else if (x === s.value) {
      const others = [...(ref.shares.get(s.feature) ?? new Map<string, number>())].filter(([k, w]) => k !== s.value && w > 0);
      if (others.length > 0) out[s.feature] = rng.pick(Object.fromEntries(others));
    }
  }
  return out;
}

/** One draw: a bootstrapped reference row with noise and, when active, the drift; plus its true label. */
export function drawRow(ref: Reference, rng: Rng, drift: DriftSpec[]): { features: Row; label: TrueLabel } {
  const i = rng.int(0, ref.rows.length - 1);
  const features = applyDrift(jitter(ref.rows[i] as Row, ref, rng), drift, ref, rng);
  return { features, label: ref.labels[i] ?? null };
}

/** Latency in ms: lognormal with median `base × factor`, one decimal. */
export function drawLatency(base: number, factor: number, rng: Rng): number {
  return roundTo(base * factor * Math.exp(rng.normal(0, LATENCY_SIGMA)), 1);
}

/** The phase at `elapsedS` seconds since the start: whether drift and the latency spike apply. */
export function phaseAt(elapsedS: number, o: { drift: DriftSpec[]; driftAfter: number; latencySpikeAfter: number | null }) {
  return { drifting: o.drift.length > 0 && elapsedS >= o.driftAfter, spiking: o.latencySpikeAfter !== null && elapsedS >= o.latencySpikeAfter };
}

/**
 * How many events are due now at `rate` per second, given how many were generated. A backlog
 * (the server was slow or away) is capped at `maxBacklogS` seconds of traffic; the rest is skipped,
 * as a real service's requests would not queue up behind its monitoring.
 */
export function dueEvents(elapsedMs: number, rate: number, generated: number, maxBacklogS = 10): { due: number; skipped: number } {
  const target = Math.floor((elapsedMs / 1000) * rate);
  const behind = target - generated;
  if (behind <= 0) return { due: 0, skipped: 0 };
  const cap = Math.max(1, Math.ceil(rate * maxBacklogS));
  return behind > cap ? { due: cap, skipped: behind - cap } : { due: behind, skipped: 0 };
}
