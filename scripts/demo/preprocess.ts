// Builds a PreprocessingSpec from the training split and applies it to rows. `applySpec` is the
// whole recipe from raw values to the model's input tensor: an evaluator that follows the spec
// the same way gets the same tensor. Missing numeric values ('mean' strategy) are filled with the
// training mean, which is the `mean` of the feature's standardize step.
import type { PreprocessingSpec, PreprocessingStep } from '@/lib/validation/catalog';
import type { Row } from './datasets';

export type FeaturePlan =
  | { feature: string; kind: 'standardize' | 'min_max' | 'passthrough' }
  | { feature: string; kind: 'one_hot' | 'ordinal'; categories: string[] };

const present = (rows: Row[], feature: string) =>
  rows.map((r) => r[feature]).filter((v): v is number => typeof v === 'number');

export function buildSpec(plan: FeaturePlan[], train: Row[]): PreprocessingSpec {
  const steps = plan.map((p): PreprocessingStep => {
    if (p.kind === 'one_hot' || p.kind === 'ordinal') return { feature: p.feature, kind: p.kind, categories: p.categories };
    const values = present(train, p.feature);
    if (p.kind !== 'standardize' && values.length !== train.length) {
      // Only standardize records a training mean to fill a gap with.
      throw new Error(`${p.feature} has missing values but is not standardized`);
    }
    if (p.kind === 'passthrough') return { feature: p.feature, kind: 'passthrough' };
    if (p.kind === 'min_max') return { feature: p.feature, kind: 'min_max', min: Math.min(...values), max: Math.max(...values) };
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    return { feature: p.feature, kind: 'standardize', mean, std: std > 0 ? std : 1 };
  });
  return { steps, missingNumeric: { strategy: 'mean' } };
}

export const tensorWidth = (spec: PreprocessingSpec) =>
  spec.steps.reduce((w, s) => w + (s.kind === 'one_hot' ? s.categories.length : 1), 0);

/** Row-major n x width matrix, in step order. */
export function applySpec(spec: PreprocessingSpec, rows: Row[]): Float32Array {
  const width = tensorWidth(spec);
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, i) => {
    let col = i * width;
    for (const step of spec.steps) {
      const raw = row[step.feature] ?? null;
      switch (step.kind) {
        case 'one_hot': {
          const at = raw === null ? -1 : step.categories.indexOf(String(raw));
          if (at >= 0) out[col + at] = 1;
          col += step.categories.length;
          break;
        }
        case 'ordinal':
          out[col++] = raw === null ? -1 : step.categories.indexOf(String(raw));
          break;
        default: {
          let x = typeof raw === 'number' ? raw : raw === null ? Number.NaN : Number(raw);
          if (Number.isNaN(x)) {
            if (step.kind !== 'standardize') throw new Error(`missing ${step.feature} has no training mean to fill with`);
            x = step.mean;
          }
          if (step.kind === 'standardize') x = (x - step.mean) / step.std;
          else if (step.kind === 'min_max') x = step.max > step.min ? (x - step.min) / (step.max - step.min) : 0;
          out[col++] = x;
        }
      }
    }
  });
  return out;
}
