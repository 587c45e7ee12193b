// Holdout metrics computed here rather than with tf.metrics, so the numbers are plain doubles and
// match what an evaluator computes from the same predictions.

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Area under the ROC curve: the Mann-Whitney statistic, tied scores counted as half. */
export function rocAuc(labels: number[], scores: number[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSumPositives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      const index = order[k]?.[1] ?? -1;
      if (labels[index] === 1) {
        positives++;
        rankSumPositives += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

const EPS = 1e-7; // float32 probabilities can be exactly 0 or 1

export function binaryMetrics(labels: number[], probabilities: number[], threshold = 0.5) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let logLoss = 0;
  labels.forEach((y, i) => {
    const p = Math.min(1 - EPS, Math.max(EPS, probabilities[i] ?? 0));
    const predicted = (probabilities[i] ?? 0) >= threshold ? 1 : 0;
    if (predicted === 1 && y === 1) tp++;
    else if (predicted === 1) fp++;
    else if (y === 1) fn++;
    else tn++;
    logLoss -= y === 1 ? Math.log(p) : Math.log(1 - p);
  });
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return {
    accuracy: (tp + tn) / labels.length,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    roc_auc: rocAuc(labels, probabilities),
    log_loss: logLoss / labels.length,
  };
}

/** Per-class precision, recall and F1 (one-vs-rest) plus accuracy and their macro average. */
export function multiclassMetrics(labels: number[], predicted: number[], classCount: number) {
  const perClass = Array.from({ length: classCount }, (_, c) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    labels.forEach((y, i) => {
      if (predicted[i] === c && y === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (y === c) fn++;
    });
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, support: tp + fn };
  });
  const correct = labels.filter((y, i) => predicted[i] === y).length;
  return { accuracy: correct / labels.length, macro_f1: mean(perClass.map((c) => c.f1)), perClass };
}

export function regressionMetrics(actual: number[], predicted: number[]) {
  const errors = actual.map((y, i) => y - (predicted[i] ?? 0));
  const mu = mean(actual);
  const ssRes = errors.reduce((s, e) => s + e * e, 0);
  const ssTot = actual.reduce((s, y) => s + (y - mu) ** 2, 0);
  return {
    mae: mean(errors.map(Math.abs)),
    rmse: Math.sqrt(ssRes / actual.length),
    r2: 1 - ssRes / ssTot,
  };
}

/** argmax per row of a row-major n x k matrix. */
export function argmaxRows(values: ArrayLike<number>, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length / k; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if ((values[i * k + c] ?? -Infinity) > (values[i * k + best] ?? -Infinity)) best = c;
    out.push(best);
  }
  return out;
}
