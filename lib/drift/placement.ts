// Numeric drift of a window against a fixed reference without sorting the window. Every current
// value is placed in the interval between consecutive distinct reference values that holds it (a
// lookup table over the reference range makes that O(1)). Within an interval the reference CDF is
// constant and the current one only climbs, so the KS statistic needs per-interval counts and the
// Wasserstein-1 integral per-interval counts and sums of offsets, except in the few intervals where
// the current CDF crosses the reference level: those are split at the crossing order statistic
// (quickselect). Row groups (the time buckets of a report) get their own statistics from the same
// pass. The results equal featureDrift's (sort-based merges; see placement.test.ts).
import { defaultMethodAtLeast, featureDrift, METHOD_RULES, isDrift, type DriftMethod, type FeatureDriftResult } from './drift';
import { ksPValue, populationStd, sortFloat64, type NumericSample } from './numeric';
import { histogramCountsSorted, sturgesEdges } from './shares';

/** A group per row (its time bucket, say), from 0 to count - 1. */
export interface RowGroups {
  of: Uint8Array | Uint16Array | Int32Array;
  count: number;
}

interface NumericDriftOptions {
  method?: DriftMethod;
  threshold?: number;
}

/** What featureDrift gives, less the pooled distinct count: counting a window's distinct values
 * costs as much as the sort this avoids, and the default method only needs to know it exceeds five. */
export type WindowDriftResult = Omit<FeatureDriftResult, 'distinct'>;
/** A group's drift: featureDrift on the group's rows alone, less the distinct count. */
export type GroupDriftResult = WindowDriftResult;

/** Counts per Sturges bin (numpy.histogram semantics) of both sides over the pooled values. */
export interface PlacedHistogram {
  edges: Float64Array;
  reference: Float64Array;
  current: Float64Array;
  referenceCount: number;
  currentCount: number;
}

export interface ReferencePlacement {
  /** The whole window's drift: featureDrift(reference, current, { type: 'numeric', ...options }) less `distinct`. */
  drift(options?: NumericDriftOptions): WindowDriftResult;
  /** One group's drift: featureDrift on the group's rows alone, without `distinct`. */
  groupDrift(group: number, options?: NumericDriftOptions): GroupDriftResult;
  /** Sturges histogram counts over reference and window pooled; null when both are empty. */
  histogram(): PlacedHistogram | null;
}

/** The reference side, built once per sample: distinct values, how many reference values lie at or
 * below each, and a uniform grid over the range that narrows each lookup to a cell's few values. */
interface ReferenceIndex {
  values: Float64Array;
  /** Lower end of each slot: left[0] = values[0] (below the reference), left[k + 1] = values[k]. */
  left: Float64Array;
  atOrBelow: Float64Array;
  size: number;
  std: number;
  origin: number;
  scale: number;
  cells: number;
  /** grid[c]: the last distinct value in a cell before c (at least 0); cell c's values lie in
   * values[grid[c] .. grid[c + 1]]. */
  grid: Int32Array;
}

const GRID_CELLS_PER_VALUE = 16; // most cells then hold no reference value: no search at all
const indexes = new WeakMap<NumericSample, ReferenceIndex>();

function indexOf(sample: NumericSample): ReferenceIndex | null {
  const cached = indexes.get(sample);
  if (cached) return cached;
  const sorted = sample.sorted;
  const m = sorted.length;
  if (m === 0) return null;
  const values = new Float64Array(sample.distinct);
  const atOrBelow = new Float64Array(sample.distinct);
  let d = -1;
  let last = NaN;
  for (let i = 0; i < m; i++) {
    const v = sorted[i] as number;
    if (v !== last) {
      values[++d] = v;
      last = v;
    }
    atOrBelow[d] = i + 1;
  }
  const distinct = d + 1;
  const origin = values[0] as number;
  const cells = Math.max(1, GRID_CELLS_PER_VALUE * distinct);
  let scale = distinct > 1 ? cells / ((values[distinct - 1] as number) - origin) : 0;
  if (!Number.isFinite(scale)) scale = 0; // a subnormal range: one cell, binary search over all
  // cellOf is monotone in the value, so a value's cell bounds where it can fall, whatever rounding did.
  const cellOf = (v: number) => Math.min(cells - 1, Math.floor((v - origin) * scale));
  const grid = new Int32Array(cells + 1);
  let k = 0; // values with a cell below c
  for (let c = 0; c <= cells; c++) {
    while (k < distinct && cellOf(values[k] as number) < c) k++;
    grid[c] = Math.max(0, k - 1);
  }
  const left = new Float64Array(distinct + 1);
  left[0] = origin;
  left.set(values, 1);
  const index = { values, left, atOrBelow, size: m, std: populationStd(sorted), origin, scale, cells, grid };
  indexes.set(sample, index);
  return index;
}

/** Places a window's values (NaN or ±Infinity: missing) against a prepared reference, once; the
 * statistics of the window and of each row group then come from the placement. */
export function placeInReference(reference: NumericSample, current: Float64Array, groups?: RowGroups): ReferencePlacement {
  if (groups && groups.of.length !== current.length) throw new RangeError(`row groups cover ${groups.of.length} rows, the window has ${current.length}`);
  const index = indexOf(reference);
  return index ? new Placement(reference, index, current, groups) : new UnplacedWindow(reference, current, groups);
}

function validate(options: NumericDriftOptions) {
  if (options.threshold !== undefined && !Number.isFinite(options.threshold)) throw new RangeError(`threshold must be a finite number (got ${options.threshold})`);
}

function result(method: DriftMethod, statistic: number, pValue: number | null, options: NumericDriftOptions, counts: SampleCounts): GroupDriftResult {
  const rule = METHOD_RULES[method];
  const threshold = options.threshold ?? rule.threshold;
  const score = rule.score === 'pValue' ? (pValue as number) : statistic;
  return { type: 'numeric', method, statistic, pValue, score, threshold, ...counts, drifted: isDrift(method, score, threshold) };
}

function withoutDistinct(r: FeatureDriftResult): GroupDriftResult {
  const { distinct: _distinct, ...rest } = r;
  return rest;
}

/** Each group's values (missing ones too), in row order, for the methods featureDrift computes. */
function gatherGroups(current: Float64Array, groups: RowGroups): Float64Array[] {
  const sizes = new Int32Array(groups.count);
  const of = groups.of;
  for (let r = 0; r < current.length; r++) sizes[of[r] as number]!++;
  const out = Array.from(sizes, (n) => new Float64Array(n));
  const at = new Int32Array(groups.count);
  for (let r = 0; r < current.length; r++) {
    const g = of[r] as number;
    (out[g] as Float64Array)[at[g]!++] = current[r] as number;
  }
  return out;
}

/** An empty reference: nothing to place against; featureDrift decides (every result is skipped). */
class UnplacedWindow implements ReferencePlacement {
  private gathered: Float64Array[] | null = null;
  constructor(
    private readonly reference: NumericSample,
    private readonly current: Float64Array,
    private readonly groups: RowGroups | undefined,
  ) {}
  drift(options: NumericDriftOptions = {}) {
    return withoutDistinct(featureDrift(this.reference, this.current, { type: 'numeric', ...options }));
  }
  groupDrift(group: number, options: NumericDriftOptions = {}) {
    if (!this.groups) throw new RangeError('this window was placed without row groups');
    if (!(group >= 0 && group < this.groups.count)) throw new RangeError(`group ${group} is not in 0..${this.groups.count - 1}`);
    this.gathered ??= gatherGroups(this.current, this.groups);
    return withoutDistinct(featureDrift(this.reference, this.gathered[group] ?? new Float64Array(0), { type: 'numeric', ...options }));
  }
  histogram(): PlacedHistogram | null {
    const finite = this.current.filter((v) => v - v === 0);
    if (finite.length === 0) return null;
    let min = Infinity;
    let max = -Infinity;
    for (const v of finite) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const edges = sturgesEdges(min, max, finite.length);
    return { edges, reference: new Float64Array(edges.length - 1), current: histogramCountsSorted(sortFloat64(finite), edges), referenceCount: 0, currentCount: finite.length };
  }
}

/** Largest i in [0, bins - 1] with edges[i] <= x, for x within the edges: a computed guess on the
 * uniform edges, corrected against the stored ones (so numpy's rounding decides, as in a search). */
function binOf(edges: Float64Array, x: number): number {
  const last = edges.length - 2;
  const first = edges[0] as number;
  let i = Math.floor(((x - first) / ((edges[last + 1] as number) - first)) * (last + 1));
  if (!(i >= 0)) i = 0;
  else if (i > last) i = last;
  while (i > 0 && (edges[i] as number) > x) i--;
  while (i < last && (edges[i + 1] as number) <= x) i++;
  return i;
}

/**
 * Slots: 0 holds values below the reference, slot k + 1 values in [u_k, u_{k+1}) (the last slot
 * [u_last, ∞)), u the distinct reference values, and left[s] is the slot's lower end (u_0 for slot
 * 0). Per group and slot: counts[2 · at] values strictly inside, counts[2 · at + 1] values equal to
 * the lower end, and offset[at] the sum of the values' offsets from it. A row's code is
 * 2 · slot + (1 if it equals the lower end), or -1 when missing.
 */
class Placement implements ReferencePlacement {
  private readonly slots: number;
  private readonly groupCount: number;
  private readonly counts: Int32Array;
  private readonly offset: Float64Array;
  private readonly present: Int32Array;
  private readonly missing: Int32Array;
  /** Window totals (the group arrays themselves when there is one group). */
  private readonly totalCounts: Int32Array;
  private readonly totalOffset: Float64Array;
  /** The smallest value below the reference and the largest at or above its top (±Infinity if none). */
  private readonly tailMin: number;
  private readonly tailMax: number;
  private readonly windowPresent: number;
  private readonly gatheredValues: Gathered;
  private fallbackGroups: Float64Array[] | null = null;
  private scratch = new Float64Array(64);
  /** The Wasserstein sum and its Neumaier compensation (a typed array keeps them unboxed). */
  private readonly sum = new Float64Array(2);

  constructor(
    private readonly reference: NumericSample,
    private readonly index: ReferenceIndex,
    private readonly current: Float64Array,
    private readonly groups: RowGroups | undefined,
  ) {
    const { values: u, left, grid, origin, scale, cells } = index;
    const distinct = u.length;
    const slots = distinct + 1;
    const groupCount = groups ? groups.count : 1;
    this.slots = slots;
    this.groupCount = groupCount;
    const counts = new Int32Array(2 * groupCount * slots);
    const offset = new Float64Array(groupCount * slots);
    const missing = new Int32Array(groupCount);
    const n = current.length;
    // Row codes and rows ordered by group are needed only until the values are gathered, at the
    // end of this constructor: they live in buffers shared by every placement.
    const codes = scratch.codes(n);
    // Rows ordered by group (a stable counting sort), so each group's slot arrays stay in cache
    // while its rows are placed: scattered over 24 groups they would not.
    const { values, starts } = byGroup(current, groups);
    const lowest = u[0] as number;
    const highest = u[distinct - 1] as number;
    let tailMin = Infinity;
    let tailMax = -Infinity;
    for (let g = 0, r = 0; g < groupCount; g++) {
      const base = g * slots;
      for (const end = starts[g + 1] as number; r < end; r++) {
        const v = values[r] as number;
        if (v - v !== 0) {
          codes[r] = -1;
          missing[g]!++;
          continue;
        }
        let slot: number;
        if (v < lowest) {
          slot = 0;
          if (v < tailMin) tailMin = v;
        } else if (v >= highest) {
          slot = distinct;
          if (v > tailMax) tailMax = v;
        } else {
          let c = Math.floor((v - origin) * scale);
          if (c > cells - 1) c = cells - 1;
          let lo = grid[c] as number;
          let hi = grid[c + 1] as number;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if ((u[mid] as number) <= v) lo = mid;
            else hi = mid - 1;
          }
          slot = lo + 1;
        }
        const l = left[slot] as number;
        const eq = v === l ? 1 : 0;
        const at = base + slot;
        counts[2 * at + eq]!++;
        offset[at]! += v - l; // 0 for a value equal to the lower end
        codes[r] = 2 * slot + eq;
      }
    }
    const present = new Int32Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      let sum = 0;
      for (let i = 2 * g * slots, end = 2 * (g + 1) * slots; i < end; i++) sum += counts[i] as number;
      present[g] = sum;
    }
    this.counts = counts;
    this.offset = offset;
    this.present = present;
    this.missing = missing;
    this.tailMin = tailMin;
    this.tailMax = tailMax;
    this.windowPresent = present.reduce((a, b) => a + b, 0);
    if (groupCount === 1) {
      this.totalCounts = counts;
      this.totalOffset = offset;
    } else {
      this.totalCounts = new Int32Array(2 * slots);
      this.totalOffset = new Float64Array(slots);
      for (let g = 0; g < groupCount; g++) {
        for (let s = 0; s < 2 * slots; s++) this.totalCounts[s]! += counts[2 * g * slots + s] as number;
        for (let s = 0; s < slots; s++) this.totalOffset[s]! += offset[g * slots + s] as number;
      }
    }
    this.gatheredValues = this.gather(values, starts, codes);
  }

  drift(options: NumericDriftOptions = {}): WindowDriftResult {
    validate(options);
    const method = this.fastMethod(options);
    if (method === null) return withoutDistinct(featureDrift(this.reference, this.current, { type: 'numeric', ...options }));
    let missing = 0;
    for (let g = 0; g < this.groupCount; g++) missing += this.missing[g] as number;
    const n = this.windowPresent;
    const counts = { referenceCount: this.index.size, currentCount: n, referenceMissing: this.reference.missing, currentMissing: missing };
    return n === 0 ? withSkip(method, options, counts) : this.compute(method, options, -1, n, counts);
  }

  groupDrift(group: number, options: NumericDriftOptions = {}): GroupDriftResult {
    if (!this.groups) throw new RangeError('this window was placed without row groups');
    if (!(group >= 0 && group < this.groupCount)) throw new RangeError(`group ${group} is not in 0..${this.groupCount - 1}`);
    validate(options);
    const method = this.fastMethod(options);
    if (method === null) {
      this.fallbackGroups ??= gatherGroups(this.current, this.groups);
      return withoutDistinct(featureDrift(this.reference, this.fallbackGroups[group] as Float64Array, { type: 'numeric', ...options }));
    }
    const n = this.present[group] as number;
    const counts = { referenceCount: this.index.size, currentCount: n, referenceMissing: this.reference.missing, currentMissing: this.missing[group] as number };
    return n === 0 ? withSkip(method, options, counts) : this.compute(method, options, group, n, counts);
  }

  /** KS or Wasserstein when that is the method, computed here; null for the others, which featureDrift
   * computes. The reference's distinct values bound the pooled count from below (defaultMethodAtLeast). */
  private fastMethod(options: NumericDriftOptions): 'ks' | 'wasserstein' | null {
    const method = options.method ?? defaultMethodAtLeast('numeric', this.index.size, this.index.values.length);
    return method === 'ks' || method === 'wasserstein' ? method : null;
  }

  /** Slot arrays of a target: the window (group -1) or one group. */
  private target(group: number) {
    return group < 0 ? { counts: this.totalCounts, offset: this.totalOffset, base: 0 } : { counts: this.counts, offset: this.offset, base: group * this.slots };
  }

  /** Slots where the target's CDF crosses the reference level (D_0 > 0 > D_g), marked in `mark`. */
  private markCrossings(group: number, n: number, mark: Uint8Array) {
    const { atOrBelow, size: m } = this.index;
    const { counts, base } = this.target(group);
    let below = counts[2 * base] as number;
    for (let slot = 1; slot < this.slots - 1; slot++) {
      below += counts[2 * (base + slot) + 1] as number;
      const g = counts[2 * (base + slot)] as number;
      const d0 = (atOrBelow[slot - 1] as number) * n - below * m;
      if (d0 > 0 && d0 - g * m < 0) mark[slot] = 1;
      below += g;
    }
  }

  /** The inside values of the slots any statistic needs one by one (crossings of the window and of
   * every group, histogram bins that split a slot, the two tails), gathered in one pass. */
  private gathered(): Gathered {
    return this.gatheredValues;
  }

  /** Second pass over the rows (ordered by group, group g from starts[g]), with their codes. */
  private gather(rows: Float64Array, starts: Int32Array, codes: Int32Array): Gathered {
    const slots = this.slots;
    const mark = new Uint8Array(slots);
    if (this.windowPresent > 0) this.markCrossings(-1, this.windowPresent, mark);
    if (this.groups) for (let g = 0; g < this.groupCount; g++) if ((this.present[g] as number) > 0) this.markCrossings(g, this.present[g] as number, mark);
    // Edges the histogram cannot have (too many bins for the range) only fail histogram().
    let edges: Float64Array | null = null;
    try {
      edges = this.edges();
    } catch {
      edges = null;
    }
    const u = this.index.values;
    mark[0] = 1;
    mark[slots - 1] = 1;
    for (let k = 0; edges && k < u.length - 1; k++) {
      const bin = binOf(edges, u[k] as number);
      if (bin < edges.length - 2 && (edges[bin + 1] as number) < (u[k + 1] as number)) mark[k + 1] = 1;
    }
    const start = new Int32Array(slots + 1);
    for (let s = 0; s < slots; s++) start[s + 1] = (start[s] as number) + (mark[s] ? (this.totalCounts[2 * s] as number) : 0);
    const fill = new Int32Array(slots).fill(-1);
    for (let s = 0; s < slots; s++) if (mark[s]) fill[s] = start[s] as number;
    const values = new Float64Array(start[slots] as number);
    const groupOf = this.groups ? new Int32Array(values.length) : null;
    for (let g = 0, r = 0; g < this.groupCount; g++) {
      for (const end = starts[g + 1] as number; r < end; r++) {
        const code = codes[r] as number;
        if (code < 0 || code & 1) continue;
        const slot = code >> 1;
        const p = fill[slot] as number;
        if (p < 0) continue;
        fill[slot] = p + 1;
        values[p] = rows[r] as number;
        if (groupOf) groupOf[p] = g;
      }
    }
    return { mark, start, values, groupOf, edges };
  }

  /** The target's inside values of a gathered slot, copied to scratch. */
  private slotValues(slot: number, group: number, size: number): Float64Array {
    const { start, values, groupOf } = this.gathered();
    if (this.scratch.length < size) this.scratch = new Float64Array(Math.max(size, 2 * this.scratch.length));
    const out = this.scratch;
    const a = start[slot] as number;
    const b = start[slot + 1] as number;
    if (group < 0 || !groupOf) out.set(values.subarray(a, b));
    else {
      let k = 0;
      for (let p = a; p < b; p++) if (groupOf[p] === group) out[k++] = values[p] as number;
    }
    return out;
  }

  private compute(method: 'ks' | 'wasserstein', options: NumericDriftOptions, group: number, n: number, counts: SampleCounts): GroupDriftResult {
    const { values: u, atOrBelow, size: m } = this.index;
    const distinct = u.length;
    const { counts: c, offset, base } = this.target(group);
    if (method === 'ks') {
      // F_R - F_C after every pooled value, as ks2samp's merge evaluates it (i / n1 - j / n2): within a
      // slot the difference only falls, so its extremes are at u_k and after the slot's last value.
      let maxS = -Infinity;
      let minS = Infinity;
      let below = c[2 * base] as number;
      if (below > 0) minS = maxS = 0 / m - below / n;
      for (let k = 0; k < distinct; k++) {
        const at = 2 * (base + k + 1);
        const i = atOrBelow[k] as number;
        below += c[at + 1] as number;
        let diff = i / m - below / n;
        if (diff > maxS) maxS = diff;
        if (diff < minS) minS = diff;
        const g = c[at] as number;
        if (g > 0) {
          below += g;
          diff = i / m - below / n;
          if (diff < minS) minS = diff;
        }
      }
      const minAbs = Math.min(1, Math.max(0, -minS));
      const ks = ksPValue(minAbs > maxS ? minAbs : maxS, m, n);
      return result('ks', ks.statistic, ks.pValue, options, counts);
    }
    // Wasserstein-1 in units of 1 / (m n): on a slot where the current count before u_k is A, the
    // level difference after j of the slot's values is D_j = R_k n - (A + j) m, falling in j. Where it
    // keeps one sign, ∫|D| = D_g W + m Σ (c - u_k) (D >= 0) or |D_0| W + m Σ (u_{k+1} - c) (D <= 0).
    const acc = this.sum;
    acc[0] = 0;
    acc[1] = 0;
    let below = c[2 * base] as number;
    if (below > 0) add(acc, -m * (offset[base] as number)); // below u_0, F_R = 0: Σ (u_0 - c) / n
    for (let k = 0; k < distinct; k++) {
      const slot = k + 1;
      const at = 2 * (base + slot);
      below += c[at + 1] as number;
      const g = c[at] as number;
      if (k === distinct - 1) {
        // Beyond the last reference value F_R = 1 and the window's CDF reaches 1 at its largest value.
        if (g > 0) add(acc, m * (offset[base + slot] as number));
        break;
      }
      const d0 = (atOrBelow[k] as number) * n - below * m;
      const dg = d0 - g * m;
      const left = u[k] as number;
      const right = u[k + 1] as number;
      const w = right - left;
      if (dg >= 0) add(acc, dg * w + m * (offset[base + slot] as number));
      else if (d0 <= 0) add(acc, -d0 * w + m * (g * w - (offset[base + slot] as number)));
      else {
        // The current CDF crosses the reference level inside the slot: split at c*, the j*-th
        // smallest value of the slot, the first after which D <= 0.
        const values = this.slotValues(slot, group, g);
        let jStar = Math.floor(d0 / m);
        if (jStar * m < d0) jStar++;
        const cStar = select(values, g, jStar - 1);
        let before = 0;
        for (let p = 0; p < jStar - 1; p++) before += (values[p] as number) - left;
        let after = 0;
        for (let p = jStar; p < g; p++) after += right - (values[p] as number);
        add(acc, (d0 - (jStar - 1) * m) * (cStar - left) + m * before); // D > 0 up to c*
        add(acc, -(d0 - jStar * m) * (right - cStar) + m * after); // D <= 0 from c*
      }
      below += g;
    }
    // Evidently: wasserstein_distance / max(np.std(reference), 0.001)
    const distance = ((acc[0] as number) + (acc[1] as number)) / (m * n);
    return result('wasserstein', distance / Math.max(this.index.std, 0.001), null, options, counts);
  }

  /** Sturges edges over reference and window pooled, extremes taken reference first (the first of
   * equal extremes, -0 or 0, kept), as sturgesEdgesOf(reference, window) takes them. */
  private edges(): Float64Array {
    const u = this.index.values;
    const lowest = u[0] as number;
    const highest = u[u.length - 1] as number;
    return sturgesEdges(this.tailMin < lowest ? this.tailMin : lowest, this.tailMax > highest ? this.tailMax : highest, this.index.size + this.windowPresent);
  }

  histogram(): PlacedHistogram | null {
    const u = this.index.values;
    const distinct = u.length;
    const { start, values } = this.gathered();
    const edges = this.gathered().edges ?? this.edges(); // the latter throws why there are none
    const bins = edges.length - 1;
    const current = new Float64Array(bins);
    const each = (slot: number) => {
      for (let p = start[slot] as number, b = start[slot + 1] as number; p < b; p++) current[binOf(edges, values[p] as number)]!++;
    };
    each(0);
    for (let k = 0; k < distinct; k++) {
      const slot = k + 1;
      const bin = binOf(edges, u[k] as number);
      current[bin]! += this.totalCounts[2 * slot + 1] as number;
      const g = this.totalCounts[2 * slot] as number;
      if (g === 0) continue;
      // The whole slot [u_k, u_{k+1}) lies in one bin unless a bin edge falls inside it (gathered then).
      if (start[slot + 1] === start[slot]) current[bin]! += g;
      else each(slot);
    }
    return { edges, reference: histogramCountsSorted(this.reference.sorted, edges), current, referenceCount: this.index.size, currentCount: this.windowPresent };
  }
}

interface Gathered {
  mark: Uint8Array;
  start: Int32Array;
  values: Float64Array;
  groupOf: Int32Array | null;
  edges: Float64Array | null;
}

type SampleCounts = Pick<GroupDriftResult, 'referenceCount' | 'currentCount' | 'referenceMissing' | 'currentMissing'>;

/** Buffers reused from one placement to the next (placing is synchronous, one at a time). */
const scratch = {
  codeBuffer: new Int32Array(0),
  orderedBuffer: new Float64Array(0),
  codes(n: number): Int32Array {
    if (this.codeBuffer.length < n) this.codeBuffer = new Int32Array(n);
    return this.codeBuffer.subarray(0, n);
  },
  ordered(n: number): Float64Array {
    if (this.orderedBuffer.length < n) this.orderedBuffer = new Float64Array(n);
    return this.orderedBuffer.subarray(0, n);
  },
};

/** The values ordered by group (stable) and where each group starts; as they are with one group. */
function byGroup(values: Float64Array, groups: RowGroups | undefined): { values: Float64Array; starts: Int32Array } {
  const n = values.length;
  if (!groups || groups.count === 1) return { values, starts: Int32Array.of(0, n) };
  const of = groups.of;
  const count = groups.count;
  const starts = new Int32Array(count + 1);
  for (let r = 0; r < n; r++) {
    const g = of[r] as number;
    if (!(g >= 0 && g < count)) throw new RangeError(`row ${r} is in group ${g}, not in 0..${count - 1}`);
    starts[g + 1]!++;
  }
  for (let g = 0; g < count; g++) starts[g + 1]! += starts[g] as number;
  const at = starts.slice(0, count);
  const ordered = scratch.ordered(n);
  for (let r = 0; r < n; r++) ordered[at[of[r] as number]!++] = values[r] as number;
  return { values: ordered, starts };
}

/** Neumaier summation step into acc = [sum, compensation], as wassersteinDistance sums. */
function add(acc: Float64Array, term: number) {
  const sum = acc[0] as number;
  const t = sum + term;
  acc[1]! += sum >= term ? sum - t + term : term - t + sum;
  acc[0] = t;
}

function withSkip(method: DriftMethod, options: NumericDriftOptions, counts: SampleCounts): GroupDriftResult {
  return { type: 'numeric', method, threshold: options.threshold ?? METHOD_RULES[method].threshold, ...counts, statistic: null, pValue: null, score: null, drifted: false, skipped: 'empty current' };
}

/** Rearranges a[0..n) so that a[k] is the k-th smallest (0-based), smaller-or-equal values before
 * it and greater-or-equal after (Hoare quickselect, median-of-three pivot). */
export function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to a[mid]
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
    const pivot = a[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

function swap(a: Float64Array, i: number, j: number) {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}
