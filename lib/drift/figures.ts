// Every figure a drift report shows for one numeric feature, from one placement of its window
// against the reference: the window's drift, its histogram against the reference, and the drift of
// each row group (time bucket). One function, run on whichever thread computes the feature.
import type { DriftMethod } from './drift';
import type { NumericSample } from './numeric';
import { placeInReference, type GroupDriftResult, type PlacedHistogram, type RowGroups, type WindowDriftResult } from './placement';

/** Bins with the share of each side in them, labelled for reading. */
export type FeatureHistogram = { bins: string[]; reference: number[]; current: number[] };

export const NO_HISTOGRAM: FeatureHistogram = { bins: [], reference: [], current: [] };

export type NumericFigureOptions = { method?: DriftMethod; threshold?: number };

export type NumericFigures = {
  drift: WindowDriftResult;
  histogram: FeatureHistogram;
  /** Per row group, in group order; null for a group without rows. Empty without groups. */
  groups: (GroupDriftResult | null)[];
};

function numericHistogram(h: PlacedHistogram | null): FeatureHistogram {
  if (!h) return NO_HISTOGRAM;
  const fmt = (x: number) => Number(x.toPrecision(3)).toString();
  const shares = (counts: Float64Array, n: number) => Array.from(counts, (c) => (n ? c / n : 0));
  return {
    bins: Array.from({ length: h.edges.length - 1 }, (_, i) => `${fmt(h.edges[i] ?? 0)}–${fmt(h.edges[i + 1] ?? 0)}`),
    reference: shares(h.reference, h.referenceCount),
    current: shares(h.current, h.currentCount),
  };
}

/** `sizes[g]`: rows in group g (a group without rows gets no figures). */
export function numericFigures(
  reference: NumericSample,
  current: Float64Array,
  options: NumericFigureOptions,
  withHistogram: boolean,
  groups?: RowGroups & { sizes: ArrayLike<number> },
): NumericFigures {
  const placement = placeInReference(reference, current, groups);
  return {
    drift: placement.drift(options),
    histogram: withHistogram ? numericHistogram(placement.histogram()) : NO_HISTOGRAM,
    groups: groups ? Array.from({ length: groups.count }, (_, g) => ((groups.sizes[g] ?? 0) > 0 ? placement.groupDrift(g, options) : null)) : [],
  };
}
