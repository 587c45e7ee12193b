// Streaming regression metrics. Residuals (actual - predicted) are kept in a growable
// Float64Array, 8 bytes per row, so the 30-bin histogram over [min, max] is exact with no
// second pass over the data; the predicted-vs-actual sample is a fixed 2,000-row reservoir.
import { GrowableFloat64, seededRandom } from './growable';

export interface Histogram {
  /** 31 edges; bin i is [edges[i], edges[i+1]), the last bin closed, as numpy.histogram. */
  edges: number[];
  counts: number[];
}

export interface RegressionMetrics {
  count: number;
  /** Rows left out: a non-finite prediction or target. */
  invalid: number;
  mae: number | null;
  rmse: number | null;
  /** null when the targets have zero variance (R² is undefined), or when count is 0. */
  r2: number | null;
  residualHistogram: Histogram | null;
  /** Up to SAMPLE_SIZE rows, the same ones for the same data whatever the batch sizes. */
  sample: { predicted: number; actual: number }[];
}

export interface RegressionAccumulator {
  add(predictions: ArrayLike<number>, targets: ArrayLike<number>): void;
  result(): RegressionMetrics;
}

export const SAMPLE_SIZE = 2000;
const HISTOGRAM_BINS = 30;

export function createRegressionAccumulator(seed = 0x5eed): RegressionAccumulator {
  const residuals = new GrowableFloat64();
  const random = seededRandom(seed);
  const sample: { predicted: number; actual: number }[] = [];
  let count = 0;
  let invalid = 0;
  let absSum = 0;
  let sqSum = 0;
  let mean = 0; // Welford: target variance in one pass without cancellation
  let m2 = 0;

  return {
    add(predictions, targets) {
      if (predictions.length !== targets.length) {
        throw new RangeError(`predictions has ${predictions.length} rows but targets has ${targets.length}`);
      }
      for (let r = 0; r < targets.length; r++) {
        const predicted = predictions[r] ?? NaN;
        const actual = targets[r] ?? NaN;
        if (!Number.isFinite(predicted) || !Number.isFinite(actual)) {
          invalid++;
          continue;
        }
        const e = actual - predicted;
        residuals.push(e);
        absSum += Math.abs(e);
        sqSum += e * e;
        count++;
        const delta = actual - mean;
        mean += delta / count;
        m2 += delta * (actual - mean);
        // Reservoir sampling (Algorithm R): one draw per row keeps it independent of batching.
        if (sample.length < SAMPLE_SIZE) sample.push({ predicted, actual });
        else {
          const j = Math.floor(random() * count);
          if (j < SAMPLE_SIZE) sample[j] = { predicted, actual };
        }
      }
    },

    result() {
      return {
        count,
        invalid,
        mae: count ? absSum / count : null,
        rmse: count ? Math.sqrt(sqSum / count) : null,
        r2: count && m2 > 0 ? 1 - sqSum / m2 : null,
        residualHistogram: count ? histogram(residuals.view()) : null,
        sample: sample.map((p) => ({ ...p })),
      };
    },
  };
}

/** Equal-width histogram over [min, max], binned exactly as numpy.histogram(values, bins). */
export function histogram(values: Float64Array, bins = HISTOGRAM_BINS): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) {
    lo -= 0.5; // numpy widens a zero-width range the same way
    hi += 0.5;
  }
  const step = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * step));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    let b = Math.min(Math.floor(((v - lo) / (hi - lo)) * bins), bins - 1);
    // The estimate can be off by one at an edge; the edges themselves decide, as in numpy.
    if (v < (edges[b] ?? -Infinity)) b--;
    else if (b < bins - 1 && v >= (edges[b + 1] ?? Infinity)) b++;
    counts[b] = (counts[b] ?? 0) + 1;
  }
  return { edges, counts };
}
