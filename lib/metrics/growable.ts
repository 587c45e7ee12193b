// A float typed array that doubles when full: the one place streaming metrics keep per-row values,
// costing 8 bytes per stored value as Float64 (4 as Float32), up to twice that while the last
// doubling is unfilled.

export type FloatArray = Float32Array | Float64Array;
/**
 * How per-row scores are stored. 'float32' halves the memory and is exact for scores that are
 * already Float32 (what TF.js returns), so the metrics are bit-identical to 'float64' on them.
 */
export type ScorePrecision = 'float32' | 'float64';

export class GrowableFloats<T extends FloatArray = FloatArray> {
  private data: T;
  private size = 0;
  private sorted = true;

  constructor(
    private readonly allocate: (length: number) => T,
    initialCapacity = 1024,
  ) {
    this.data = allocate(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const next = this.allocate(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size++] = value;
    this.sorted = false;
  }

  /** A live view of the stored values; invalidated by the next push. */
  view(): T {
    return this.data.subarray(0, this.size) as T;
  }

  /** Sorts ascending in place (order of arrival is not needed afterwards) and returns the view;
   * cached until the next push, so repeated calls on a slider cost nothing. */
  sortedView(): T {
    const v = this.view();
    if (!this.sorted) {
      v.sort(); // typed-array sort is numeric, not lexicographic
      this.sorted = true;
    }
    return v;
  }
}

export class GrowableFloat64 extends GrowableFloats<Float64Array> {
  constructor(initialCapacity = 1024) {
    super((n) => new Float64Array(n), initialCapacity);
  }
}

export function growableScores(precision: ScorePrecision = 'float64'): GrowableFloats {
  return precision === 'float32' ? new GrowableFloats((n) => new Float32Array(n)) : new GrowableFloat64();
}

/** Number of values >= threshold in an ascending array (binary search, O(log n)). */
export function countAtLeast(sortedAscending: ArrayLike<number>, threshold: number): number {
  let lo = 0;
  let hi = sortedAscending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sortedAscending[mid] ?? 0) < threshold) lo = mid + 1;
    else hi = mid;
  }
  return sortedAscending.length - lo;
}

/** Deterministic 32-bit generator (mulberry32) so reservoir samples repeat run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
