// Streaming binary-classification metrics. Memory: one stored score per valid row, 8 bytes (4 with
// precision 'float32'), split by label, because exact tie-aware ROC/PR AUC and the confusion matrix
// at any later threshold need every score; everything else is fixed-size sums.
import { countAtLeast, growableScores, type ScorePrecision } from './growable';
import { rank, type PrPoint, type RocPoint } from './ranking';

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** null for an empty bin. */
  meanPredicted: number | null;
  fractionPositive: number | null;
}

/** Every ratio is null when count is 0 (no valid rows); never NaN, so results survive JSON. */
export interface BinaryMetrics {
  count: number;
  /** Rows left out of every metric: non-finite score, or a label other than 0 or 1. */
  invalid: number;
  positives: number;
  threshold: number;
  accuracy: number | null;
  /** zero_division = 0, as sklearn: 0 when nothing is predicted positive. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  logLoss: number | null;
  rocAuc: number | null;
  prAuc: number | null;
  confusion: Confusion;
  rocCurve: RocPoint[];
  prCurve: PrPoint[];
  calibration: CalibrationBin[];
  ece: number | null;
}

export interface BinaryAccumulator {
  add(scores: ArrayLike<number>, labels: ArrayLike<number>): void;
  result(threshold?: number): BinaryMetrics;
  /** O(log n) after the first call following an add: safe on every slider move. */
  confusionAt(threshold: number): Confusion;
}

const CLIP = 1e-15;
const BINS = 10;

/** precision 'float32' only for Float32 scores (model outputs): exact for them, half the memory. */
export function createBinaryAccumulator(precision: ScorePrecision = 'float64'): BinaryAccumulator {
  const pos = growableScores(precision);
  const neg = growableScores(precision);
  const binCount = new Float64Array(BINS);
  const binScore = new Float64Array(BINS);
  const binPositive = new Float64Array(BINS);
  let invalid = 0;
  let logLossSum = 0;

  function confusionAt(threshold: number): Confusion {
    const tp = countAtLeast(pos.sortedView(), threshold);
    const fp = countAtLeast(neg.sortedView(), threshold);
    return { tp, fp, tn: neg.length - fp, fn: pos.length - tp };
  }

  return {
    add(scores, labels) {
      if (scores.length !== labels.length) {
        throw new RangeError(`scores has ${scores.length} rows but labels has ${labels.length}`);
      }
      for (let r = 0; r < scores.length; r++) {
        const s = scores[r] ?? NaN;
        const y = labels[r];
        if (!Number.isFinite(s) || (y !== 0 && y !== 1)) {
          invalid++;
          continue;
        }
        (y === 1 ? pos : neg).push(s);
        const p = Math.min(Math.max(s, CLIP), 1 - CLIP);
        logLossSum -= y === 1 ? Math.log(p) : Math.log(1 - p);
        const b = Math.min(Math.max(Math.floor(s * BINS), 0), BINS - 1);
        binCount[b] = (binCount[b] ?? 0) + 1;
        binScore[b] = (binScore[b] ?? 0) + s;
        binPositive[b] = (binPositive[b] ?? 0) + y;
      }
    },

    confusionAt,

    result(threshold = 0.5) {
      const count = pos.length + neg.length;
      const c = confusionAt(threshold);
      const ranking = rank(pos.sortedView(), neg.sortedView());
      const ratio = (num: number, den: number) => (count === 0 ? null : den === 0 ? 0 : num / den);
      const calibration: CalibrationBin[] = [];
      let ece = 0;
      for (let b = 0; b < BINS; b++) {
        const n = binCount[b] ?? 0;
        const meanPredicted = n ? (binScore[b] ?? 0) / n : null;
        const fractionPositive = n ? (binPositive[b] ?? 0) / n : null;
        if (meanPredicted !== null && fractionPositive !== null) {
          ece += (n / count) * Math.abs(meanPredicted - fractionPositive);
        }
        calibration.push({ lower: b / BINS, upper: (b + 1) / BINS, count: n, meanPredicted, fractionPositive });
      }
      return {
        count,
        invalid,
        positives: pos.length,
        threshold,
        accuracy: ratio(c.tp + c.tn, count),
        precision: ratio(c.tp, c.tp + c.fp),
        recall: ratio(c.tp, c.tp + c.fn),
        f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
        logLoss: count ? logLossSum / count : null,
        ...ranking,
        confusion: c,
        calibration,
        ece: count ? ece : null,
      };
    },
  };
}
