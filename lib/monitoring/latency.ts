// Latency histogram with log-spaced buckets: per-minute aggregates store counts per bucket, and
// percentiles over any window are read from the summed counts (within one bucket's width, ~12%).
export const LATENCY_BUCKETS = 80;
const MIN_MS = 0.1;
const GROWTH = 1.12;
const LOG_GROWTH = Math.log(GROWTH);

/** Upper edge of bucket i (ms); the last bucket is open-ended. */
const bucketUpperMs = (i: number) => MIN_MS * GROWTH ** (i + 1);

export function latencyBucket(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  return Math.min(LATENCY_BUCKETS - 1, Math.floor(Math.log(ms / MIN_MS) / LOG_GROWTH));
}

/** The p-th percentile (0–100) of the counts, as the upper edge of the bucket that holds it. */
export function percentileFromBuckets(counts: readonly number[], p: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] ?? 0;
    if (seen >= rank) return bucketUpperMs(i);
  }
  return bucketUpperMs(counts.length - 1);
}
