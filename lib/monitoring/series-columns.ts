// A statistics window's series as chart columns: one entry per bucket of the window (the empty
// ones too, so gaps read as "no traffic"), and class shares stacked for an area chart.

export type Columns<P> = { t: Float64Array; points: (P | null)[] };
const cache = new WeakMap<object, Columns<unknown>>();

/** Bucket start times (ms) from `from` in steps of `bucketMinutes` up to `to`, and each bucket's
 * point or null. Cached per statistics object, so the charts of one result parse the times once. */
export function columnsOf<P extends { at: string }>(stats: { series: P[]; from: string; to: string; bucketMinutes: number }): Columns<P> {
  const cached = cache.get(stats) as Columns<P> | undefined;
  if (cached) return cached;
  const step = stats.bucketMinutes * 60_000;
  const start = Date.parse(stats.from);
  const n = Math.max(0, Math.ceil((Date.parse(stats.to) - start) / step));
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = start + i * step;
  const points = new Array<P | null>(n).fill(null);
  for (const p of stats.series) {
    const i = (Date.parse(p.at) - start) / step;
    if (Number.isInteger(i) && i >= 0 && i < n) points[i] = p;
  }
  const columns = { t, points };
  cache.set(stats, columns);
  return columns;
}

/** Running sums of the shares, bucket by bucket (series i is drawn at shares 0..i summed); a bucket
 * without events stays null in every series, a gap. */
export function stackShares(shares: (number | null)[][]): (number | null)[][] {
  const n = shares[0]?.length ?? 0;
  const stacked = shares.map(() => new Array<number | null>(n).fill(null));
  for (let k = 0; k < n; k++) {
    if (shares.every((column) => column[k] == null)) continue;
    let sum = 0;
    shares.forEach((column, i) => {
      sum += column[k] ?? 0;
      (stacked[i] as (number | null)[])[k] = sum;
    });
  }
  return stacked;
}
