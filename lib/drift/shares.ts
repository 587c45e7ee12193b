// Share vectors for Jensen–Shannon and PSI (Evidently's get_binned_data): Sturges bins over the
// pooled numeric values, or one share per distinct value; and the two distances themselves.

/**
 * Bin edges of numpy.histogram_bin_edges(pooled, bins="sturges") from the pooled minimum, maximum
 * and size: width = (max - min) / (log2(size) + 1), ceil((max - min) / width) equal bins from
 * numpy.linspace (a zero range is widened by 0.5 on each side and gets one bin).
 */
export function sturgesEdges(min: number, max: number, size: number): Float64Array {
  if (!(size > 0) || !Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new RangeError(`sturgesEdges needs a finite range and at least one value (got [${min}, ${max}], ${size} values)`);
  }
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = (max - min) / (Math.log2(size) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const edges = new Float64Array(bins + 1);
  const delta = last - first;
  const step = delta / bins;
  for (let i = 0; i < bins; i++) edges[i] = step === 0 ? (i / bins) * delta + first : i * step + first;
  edges[bins] = last;
  for (let i = 0; i < bins; i++) {
    if (!((edges[i] as number) < (edges[i + 1] as number))) {
      throw new RangeError(`too many bins for the data range: cannot create ${bins} finite-sized bins`);
    }
  }
  return edges;
}

/** Sturges edges over several samples pooled, without concatenating them. */
export function sturgesEdgesOf(...samples: Float64Array[]): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  let size = 0;
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    size += s.length;
  }
  return sturgesEdges(min, max, size);
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts per bin with numpy.histogram(values, edges) semantics: [e_i, e_{i+1}) and the last bin
 * closed; values outside the edges are not counted. Binary searches on sorted input: O(bins log n). */
export function histogramCountsSorted(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(Math.max(bins, 0));
  let prev = lowerBound(sorted, edges[0] as number);
  for (let i = 0; i < bins; i++) {
    const next = i + 1 === bins ? upperBound(sorted, edges[bins] as number) : lowerBound(sorted, edges[i + 1] as number);
    counts[i] = next - prev;
    prev = next;
  }
  return counts;
}

/** Share of `values` in each bin (numpy.histogram(values, edges)[0] / len(values)), as Evidently
 * bins a numeric column; pass `sorted: true` when the values are sorted already. */
export function histogramShares(values: Float64Array, edges: Float64Array, options: { sorted?: boolean } = {}): Float64Array {
  const sorted = options.sorted ? values : Float64Array.from(values).sort();
  const counts = histogramCountsSorted(sorted, edges);
  const n = values.length;
  for (let i = 0; i < counts.length; i++) counts[i] = (counts[i] as number) / n;
  return counts;
}

/** Evidently's PSI zero fill: zero shares become 0.0001, or the smallest non-zero share / 10^6 when
 * that share is itself at most 0.0001. Returns a new array. */
export function fillZeroShares(shares: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(shares);
  let min = Infinity;
  for (const s of out) if (s !== 0 && s < min) min = s;
  if (min === Infinity) throw new RangeError('every share is zero: nothing to compare');
  const fill = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  for (let i = 0; i < out.length; i++) if (out[i] === 0) out[i] = fill;
  return out;
}

/** x ln(x / y) with scipy.special.rel_entr's conventions. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/**
 * Jensen–Shannon distance (scipy.spatial.distance.jensenshannon(p, q, base)): both vectors are
 * normalized to sum 1 first; natural logarithm unless `base` is given. Where scipy would return
 * NaN because rounding made the divergence a hair below zero (nearly equal vectors), this returns 0.
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>, base?: number): number {
  if (p.length !== q.length) throw new RangeError(`share vectors differ in length (${p.length} and ${q.length})`);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i] as number;
    sq += q[i] as number;
  }
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = (p[i] as number) / sp;
    const qi = (q[i] as number) / sq;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  let js = left + right;
  if (base !== undefined) js /= Math.log(base);
  return Math.sqrt(Math.max(0, js / 2));
}

/** Population stability index as Evidently computes it: zero shares filled (fillZeroShares) in
 * each vector, then Σ (ref - cur) ln(ref / cur). */
export function psi(referenceShares: ArrayLike<number>, currentShares: ArrayLike<number>): number {
  if (referenceShares.length !== currentShares.length) {
    throw new RangeError(`share vectors differ in length (${referenceShares.length} and ${currentShares.length})`);
  }
  const r = fillZeroShares(referenceShares);
  const c = fillZeroShares(currentShares);
  let sum = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] as number;
    const ci = c[i] as number;
    sum += (ri - ci) * Math.log(ri / ci);
  }
  return sum;
}
