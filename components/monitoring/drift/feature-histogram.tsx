'use client';
// Reference against current distribution of one feature: the share of rows per bin (numeric,
// bins over both samples) or per category, as grouped bars.
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatShare } from '../format';
import { AXIS, TOOLTIP } from '../charts/theme';
import type { FeatureDrift } from '../types';

export const FeatureHistogram = memo(function FeatureHistogram({ feature }: { feature: FeatureDrift }) {
  const data = useMemo(() => feature.histogram.bins.map((bin, i) => ({ bin, reference: feature.histogram.reference[i] ?? 0, current: feature.histogram.current[i] ?? 0 })), [feature]);
  return (
    <figure className="flex flex-col gap-2 rounded-xl border border-border bg-card p-4 shadow-xs" data-testid="feature-histogram" data-feature={feature.feature}>
      <figcaption className="text-sm font-medium">
        <span className="font-mono">{feature.feature}</span>: reference vs current
      </figcaption>
      {data.length === 0 ? (
        <p className="py-10 text-center text-sm text-muted-foreground">No values to compare.</p>
      ) : (
        <div className="h-64 w-full" role="img" aria-label={`Share of rows per ${feature.type === 'numeric' ? 'bin' : 'category'} of ${feature.feature} in the reference and the current window, ${data.length} ${feature.type === 'numeric' ? 'bins' : 'categories'}.`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} barCategoryGap="15%">
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="bin" {...AXIS} interval="preserveStartEnd" minTickGap={12} />
              <YAxis width={48} tickFormatter={(v: number) => formatShare(v)} {...AXIS} />
              <Tooltip cursor={{ fill: 'var(--muted)' }} {...TOOLTIP} isAnimationActive={false} formatter={(v) => formatShare(Number(v))} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="reference" name="Reference" fill="var(--muted-foreground)" fillOpacity={0.55} isAnimationActive={false} />
              <Bar dataKey="current" name="Current" fill="var(--primary)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
});
