// Drift report time for 20 numeric features: reference 5,000 rows per feature, current windows of
// 100,000 and 1,000,000 rows (5% missing, half the features shifted), per-feature drift plus
// dataset drift, with the default method (Wasserstein for this reference size) and with KS, PSI
// and Jensen–Shannon chosen explicitly. Prints the median of several runs after a warm-up.
// Usage: npm run bench:drift [-- --runs 5]
import { datasetDrift, featureDrift, prepareNumeric, type DriftMethod, type FeatureDriftResult, type NumericSample } from '../lib/drift';
import { seededRandom } from '../lib/metrics/growable';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg('runs', '5'));
const FEATURES = 20;
const REFERENCE_ROWS = 5000;

const random = seededRandom(2026);
function normal(): number {
  // Box–Muller; one value per call is enough here
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
function column(rows: number, feature: number, shifted: boolean): Float64Array {
  const a = new Float64Array(rows);
  const scale = 1 + feature;
  const shift = shifted && feature % 2 === 1 ? 0.3 * scale : 0;
  for (let i = 0; i < rows; i++) a[i] = random() < 0.05 ? NaN : feature * 10 + scale * normal() + shift;
  return a;
}

const references = Array.from({ length: FEATURES }, (_, f) => column(REFERENCE_ROWS, f, false));
const prepared = references.map((r) => prepareNumeric(r));

function report(current: Float64Array[], reference: (Float64Array | NumericSample)[], method?: DriftMethod) {
  const features: Record<string, FeatureDriftResult> = {};
  for (let f = 0; f < FEATURES; f++) features[`f${f}`] = featureDrift(reference[f]!, current[f]!, { type: 'numeric', method });
  return { features, dataset: datasetDrift(features) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

console.log(`drift report: ${FEATURES} numeric features, reference ${REFERENCE_ROWS.toLocaleString('en')} rows each, median of ${RUNS} runs (node ${process.version})`);
for (const rows of [100_000, 1_000_000]) {
  const current = Array.from({ length: FEATURES }, (_, f) => column(rows, f, true));
  const variants: [string, (Float64Array | NumericSample)[], DriftMethod | undefined][] = [
    ['default (wasserstein)', references, undefined],
    ['default, reference prepared once', prepared, undefined],
    ['ks (asymptotic p-value)', references, 'ks'],
    ['psi (Sturges bins)', references, 'psi'],
    ['jensenshannon (Sturges bins)', references, 'jensenshannon'],
  ];
  for (const [name, reference, method] of variants) {
    const last = report(current, reference, method); // warm-up
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      report(current, reference, method);
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    console.log(
      `current ${rows.toLocaleString('en').padStart(9)} x ${FEATURES}  ${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms total  ` +
        `${(ms / FEATURES).toFixed(1).padStart(6)} ms/feature  drifted ${last.dataset.driftedCount}/${FEATURES}`,
    );
  }
}
