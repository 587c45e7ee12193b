// Per-slice metrics: routes each row of a batch to its own accumulator keyed by a category value.
// Works with any accumulator: array arguments are split by row (their stride is length / rows,
// so row-major multiclass probabilities split correctly); other arguments (k) pass unchanged.

export type SliceValue = string | number | boolean | null | undefined;

export const MISSING_SLICE = '(missing)';
/** Values first seen after maxSlices distinct ones share this slice, bounding memory. */
export const OTHER_SLICE = '(other)';

interface SliceResult<R> {
  value: string;
  /** Rows routed to the slice, valid or not; the metrics say how many were usable. */
  count: number;
  metrics: R;
}

interface Accumulator<A extends unknown[], R> {
  add(...args: A): void;
  result(): R;
}

export interface SlicedAccumulator<A extends unknown[], R> {
  add(categories: ArrayLike<SliceValue>, ...args: A): void;
  /** Largest slice first, ties by value, so the table order is stable. */
  result(): SliceResult<R>[];
}

function sliceKey(value: SliceValue): string {
  if (value === null || value === undefined || value === '' || Number.isNaN(value)) return MISSING_SLICE;
  return String(value);
}

export function createSlicedAccumulator<A extends unknown[], R>(
  factory: () => Accumulator<A, R>,
  maxSlices = 200,
): SlicedAccumulator<A, R> {
  const slices = new Map<string, { accumulator: Accumulator<A, R>; count: number }>();

  function slot(key: string) {
    let s = slices.get(key);
    if (!s) {
      if (key !== OTHER_SLICE && slices.size >= maxSlices) return slot(OTHER_SLICE);
      s = { accumulator: factory(), count: 0 };
      slices.set(key, s);
    }
    return s;
  }

  return {
    add(categories, ...args) {
      const rows = categories.length;
      const groups = new Map<ReturnType<typeof slot>, number[]>();
      for (let r = 0; r < rows; r++) {
        const s = slot(sliceKey(categories[r]));
        const list = groups.get(s);
        if (list) list.push(r);
        else groups.set(s, [r]);
      }
      for (const [s, indices] of groups) {
        const parts = args.map((arg) => (isArrayLike(arg) ? take(arg, indices, rows) : arg));
        s.accumulator.add(...(parts as A)); // same shape as args, each array cut to this slice
        s.count += indices.length;
      }
    },

    result() {
      return [...slices.entries()]
        .map(([value, s]) => ({ value, count: s.count, metrics: s.accumulator.result() }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    },
  };
}

function isArrayLike(arg: unknown): arg is ArrayLike<unknown> {
  return typeof arg === 'object' && arg !== null && typeof (arg as { length?: unknown }).length === 'number';
}

function take(column: ArrayLike<unknown>, indices: number[], rows: number): unknown[] {
  const stride = column.length / rows;
  if (!Number.isInteger(stride)) {
    throw new RangeError(`a column of length ${column.length} does not split into ${rows} rows`);
  }
  const out = new Array<unknown>(indices.length * stride);
  let o = 0;
  for (const r of indices) for (let c = 0; c < stride; c++) out[o++] = column[r * stride + c];
  return out;
}
