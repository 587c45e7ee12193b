// A Float64Array that doubles when full: the one place streaming metrics keep per-row values,
// costing 8 bytes per stored value (up to 16 while the last doubling is unfilled).

export class GrowableFloat64 {
  private data: Float64Array;
  private size = 0;
  private sorted = true;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(1, initialCapacity));
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.size++] = value;
    this.sorted = false;
  }

  /** A live view of the stored values; invalidated by the next push. */
  view(): Float64Array {
    return this.data.subarray(0, this.size);
  }

  /** Sorts ascending in place (order of arrival is not needed afterwards) and returns the view;
   * cached until the next push, so repeated calls on a slider cost nothing. */
  sortedView(): Float64Array {
    const v = this.view();
    if (!this.sorted) {
      v.sort(); // typed-array sort is numeric, not lexicographic
      this.sorted = true;
    }
    return v;
  }
}

/** Number of values >= threshold in an ascending array (binary search, O(log n)). */
export function countAtLeast(sortedAscending: Float64Array, threshold: number): number {
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
