// Threshold-sweep metrics from the scores of positives and negatives, each sorted ascending.
// Shared by the binary accumulator and one-vs-rest multiclass AUC. Ties are grouped: every
// distinct score is one threshold, and a row is predicted positive when score >= threshold.

export interface RocPoint {
  /** null for the first point, a threshold above every score. */
  threshold: number | null;
  fpr: number;
  tpr: number;
}

export interface PrPoint {
  threshold: number | null;
  recall: number;
  precision: number;
}

export interface Ranking {
  /** Trapezoid under the ROC curve = Mann-Whitney U / (P*N), ties counting one half. */
  rocAuc: number | null;
  /** Average precision, sum over thresholds of (R_n - R_{n-1}) * P_n, as sklearn defines it. */
  prAuc: number | null;
  rocCurve: RocPoint[];
  prCurve: PrPoint[];
}

const MAX_CURVE_POINTS = 200;

export function rank(pos: ArrayLike<number>, neg: ArrayLike<number>, withCurves = true): Ranking {
  const P = pos.length;
  const N = neg.length;
  let i = P - 1;
  let j = N - 1;
  let tp = 0;
  let fp = 0;
  let auc = 0;
  let ap = 0;
  const roc: RocPoint[] = [{ threshold: null, fpr: 0, tpr: 0 }];
  const pr: PrPoint[] = [{ threshold: null, recall: 0, precision: 1 }];
  while (i >= 0 || j >= 0) {
    const t = Math.max(i >= 0 ? (pos[i] ?? 0) : -Infinity, j >= 0 ? (neg[j] ?? 0) : -Infinity);
    let dp = 0;
    let dn = 0;
    for (; i >= 0 && pos[i] === t; i--) dp++;
    for (; j >= 0 && neg[j] === t; j--) dn++;
    // Each negative at t is outranked by every positive above it and ties half of those at t.
    auc += dn * (tp + dp / 2);
    tp += dp;
    fp += dn;
    if (dp > 0) ap += dp * (tp / (tp + fp)); // divided by P once at the end: fewer roundings
    if (withCurves) {
      roc.push({ threshold: t, fpr: N ? fp / N : 0, tpr: P ? tp / P : 0 });
      if (P) pr.push({ threshold: t, recall: tp / P, precision: tp / (tp + fp) });
    }
  }
  const both = P > 0 && N > 0;
  return {
    rocAuc: both ? auc / (P * N) : null,
    prAuc: P > 0 ? ap / P : null,
    rocCurve: both && withCurves ? downsample(roc) : [],
    prCurve: P > 0 && withCurves ? downsample(pr) : [],
  };
}

/** Evenly spaced points, always keeping the first and the last, so charts stay light. */
function downsample<T>(points: T[], max = MAX_CURVE_POINTS): T[] {
  if (points.length <= max) return points;
  const out: T[] = [];
  for (let k = 0; k < max; k++) {
    const p = points[Math.round((k * (points.length - 1)) / (max - 1))];
    if (p !== undefined) out.push(p);
  }
  return out;
}
