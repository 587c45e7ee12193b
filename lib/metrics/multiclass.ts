// Streaming multiclass metrics from row-major probabilities. Memory: 8 bytes per row per class,
// 4 with precision 'float32' (each class's column is kept, split by label, for exact one-vs-rest
// AUC) plus a k x k matrix.
import { growableScores, type GrowableFloats, type ScorePrecision } from './growable';
import { rank } from './ranking';

interface Averages {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose true label is this class. */
  support: number;
}

export interface MulticlassMetrics {
  k: number;
  count: number;
  /** Rows left out: a non-finite probability, or a label that is not an integer in [0, k). */
  invalid: number;
  accuracy: number | null;
  /** Like sklearn's default, averaged over the classes seen as a label or a prediction;
   * per-class values use zero_division = 0. */
  macro: Averages;
  weighted: Averages;
  perClass: ClassMetrics[];
  /** Mean of one-vs-rest AUCs over classes that have both positive and negative rows. */
  rocAucOvrMacro: number | null;
  rocAucSkippedClasses: number[];
  /** confusion[true][predicted]. */
  confusion: number[][];
}

export interface MulticlassAccumulator {
  add(probabilities: ArrayLike<number>, labels: ArrayLike<number>, k: number): void;
  result(): MulticlassMetrics;
}

/** precision 'float32' only for Float32 probabilities (model outputs): exact for them, half the memory. */
export function createMulticlassAccumulator(precision: ScorePrecision = 'float64'): MulticlassAccumulator {
  let k = 0;
  let confusion: number[][] = [];
  let pos: GrowableFloats[] = [];
  let neg: GrowableFloats[] = [];
  let invalid = 0;
  let count = 0;

  return {
    add(probabilities, labels, classes) {
      if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`k must be an integer >= 2, got ${classes}`);
      if (k === 0) {
        k = classes;
        confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
        pos = Array.from({ length: k }, () => growableScores(precision));
        neg = Array.from({ length: k }, () => growableScores(precision));
      } else if (classes !== k) {
        throw new RangeError(`k changed from ${k} to ${classes} between batches`);
      }
      if (probabilities.length !== labels.length * k) {
        throw new RangeError(`expected ${labels.length * k} probabilities (${labels.length} rows x ${k}), got ${probabilities.length}`);
      }
      rows: for (let r = 0; r < labels.length; r++) {
        const y = labels[r] ?? NaN;
        if (!Number.isInteger(y) || y < 0 || y >= k) {
          invalid++;
          continue;
        }
        let best = 0;
        let bestP = -Infinity;
        for (let c = 0; c < k; c++) {
          const p = probabilities[r * k + c] ?? NaN;
          if (!Number.isFinite(p)) {
            invalid++;
            continue rows;
          }
          if (p > bestP) {
            best = c; // strict >: the first maximum wins, as numpy's argmax
            bestP = p;
          }
        }
        for (let c = 0; c < k; c++) (c === y ? pos : neg)[c]?.push(probabilities[r * k + c] ?? NaN);
        const row = confusion[y];
        if (row) row[best] = (row[best] ?? 0) + 1;
        count++;
      }
    },

    result() {
      const perClass: ClassMetrics[] = [];
      const present: number[] = [];
      for (let c = 0; c < k; c++) {
        const tp = confusion[c]?.[c] ?? 0;
        const support = (confusion[c] ?? []).reduce((a, b) => a + b, 0);
        const predicted = confusion.reduce((a, row) => a + (row[c] ?? 0), 0);
        const div = (n: number, d: number) => (d === 0 ? 0 : n / d);
        perClass.push({ precision: div(tp, predicted), recall: div(tp, support), f1: div(2 * tp, support + predicted), support });
        if (support > 0 || predicted > 0) present.push(c);
      }
      const average = (weightOf: (m: ClassMetrics) => number): Averages => {
        const ms = present.map((c) => perClass[c]).filter((m): m is ClassMetrics => m !== undefined);
        const total = ms.reduce((a, m) => a + weightOf(m), 0);
        if (total === 0) return { precision: null, recall: null, f1: null };
        const avg = (f: (m: ClassMetrics) => number) => ms.reduce((a, m) => a + f(m) * weightOf(m), 0) / total;
        return { precision: avg((m) => m.precision), recall: avg((m) => m.recall), f1: avg((m) => m.f1) };
      };
      const aucs: number[] = [];
      const rocAucSkippedClasses: number[] = [];
      for (let c = 0; c < k; c++) {
        const p = pos[c];
        const n = neg[c];
        const auc = p && n ? rank(p.sortedView(), n.sortedView(), false).rocAuc : null;
        if (auc === null) rocAucSkippedClasses.push(c);
        else aucs.push(auc);
      }
      const trace = confusion.reduce((a, row, c) => a + (row[c] ?? 0), 0);
      return {
        k,
        count,
        invalid,
        accuracy: count ? trace / count : null,
        macro: average(() => 1),
        weighted: average((m) => m.support),
        perClass,
        rocAucOvrMacro: aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : null,
        rocAucSkippedClasses,
        confusion: confusion.map((row) => [...row]),
      };
    },
  };
}
