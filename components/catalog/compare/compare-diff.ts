// What differs between 2-4 versions, relative to the first one (the baseline column).
import type { Feature } from '@/lib/validation/catalog';
import { lowerIsBetter } from '../format';
import type { CompareResult } from '../types';

type Version = CompareResult['versions'][number];

export type FeatureChange = 'base' | 'same' | 'added' | 'removed' | 'changed' | 'absent';
export type FeatureDiffRow = { name: string; cells: { feature?: Feature; change: FeatureChange }[]; differs: boolean };

function sameFeature(a: Feature, b: Feature): boolean {
  return (
    a.type === b.type &&
    a.min === b.min &&
    a.max === b.max &&
    a.allowMissing === b.allowMissing &&
    (a.categories ?? []).join('\u0000') === (b.categories ?? []).join('\u0000')
  );
}

export function featureDiff(versions: Version[], featureNames: string[]): FeatureDiffRow[] {
  return featureNames.map((name) => {
    const found = versions.map((v) => v.inputSchema?.features.find((f) => f.name === name));
    const base = found[0];
    const cells = found.map((feature, i): { feature?: Feature; change: FeatureChange } => {
      if (i === 0) return { feature, change: feature ? 'base' : 'absent' };
      if (feature && base) return { feature, change: sameFeature(base, feature) ? 'same' : 'changed' };
      if (feature) return { feature, change: 'added' };
      return { change: base ? 'removed' : 'absent' };
    });
    return { name, cells, differs: cells.some((c) => c.change === 'changed' || c.change === 'added' || c.change === 'removed') };
  });
}

export type MetricRow = { name: string; values: (number | undefined)[]; best: number | undefined; lowerBetter: boolean };

export function metricRows(versions: Version[], metricNames: string[]): MetricRow[] {
  return metricNames.map((name) => {
    const values = versions.map((v) => v.metrics[name]);
    const defined = values.filter((x): x is number => x !== undefined);
    const lowerBetter = lowerIsBetter(name);
    // No "best" when fewer than two versions report it or all agree: highlighting then says nothing.
    const best = defined.length >= 2 && new Set(defined).size > 1 ? (lowerBetter ? Math.min(...defined) : Math.max(...defined)) : undefined;
    return { name, values, best, lowerBetter };
  });
}

/** "+0.012" / "−0.004" relative to the baseline, and whether that is an improvement. */
export function metricDelta(value: number | undefined, base: number | undefined, lowerBetter: boolean): { text: string; better: boolean | null } | null {
  if (value === undefined || base === undefined) return null;
  const delta = value - base;
  if (delta === 0) return { text: '±0', better: null };
  const magnitude = Math.abs(delta);
  const text = `${delta > 0 ? '+' : '−'}${magnitude >= 1000 ? magnitude.toFixed(1) : Number(magnitude.toPrecision(3))}`;
  return { text, better: lowerBetter ? delta < 0 : delta > 0 };
}

export function lineageValues(v: Version): Record<string, string> {
  const l = v.lineage;
  return {
    'Training dataset': l.trainingDataset?.name ?? '',
    'Dataset SHA-256': l.trainingDataset?.sha256 ?? '',
    'Code repository': l.codeRepository ?? '',
    Commit: l.commit ?? '',
    'Parent version': l.parentVersion ? `v${l.parentVersion}` : '',
    'Training run': l.trainingRunUrl ?? '',
  };
}
