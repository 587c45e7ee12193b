'use client';
// A regression run's residual histogram and a predicted-vs-actual scatter (a fixed row sample).
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RegressionMetrics } from '@/lib/metrics';
import { formatMetric } from '@/components/catalog/format';

const TOOLTIP = {
  contentStyle: { background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12, color: 'var(--foreground)' },
  labelStyle: { color: 'var(--muted-foreground)' },
};
const AXIS = { stroke: 'var(--muted-foreground)', fontSize: 11, tickLine: false };

export function RegressionCharts({ metrics }: { metrics: RegressionMetrics }) {
  const h = metrics.residualHistogram;
  const bins = h ? h.counts.map((count, i) => ({ bin: `${formatMetric(h.edges[i])} – ${formatMetric(h.edges[i + 1])}`, count })) : [];
  const values = metrics.sample.flatMap((p) => [p.predicted, p.actual]);
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <figure className="flex flex-col gap-2 rounded-lg border border-border p-3">
        <figcaption className="text-sm font-medium">Residuals (actual − predicted)</figcaption>
        <div className="h-56 w-full" role="img" aria-label={`Histogram of residuals in ${bins.length} bins`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={bins} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="bin" hide />
              <YAxis width={40} {...AXIS} />
              <Tooltip cursor={{ fill: 'var(--muted)' }} {...TOOLTIP} />
              <Bar dataKey="count" name="Rows" fill="var(--primary)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="flex flex-col gap-2 rounded-lg border border-border p-3">
        <figcaption className="text-sm font-medium">Predicted vs actual ({metrics.sample.length.toLocaleString('en')} sampled rows)</figcaption>
        <div className="h-56 w-full" role="img" aria-label={`Scatter of predicted against actual values for ${metrics.sample.length} rows`}>
          <ResponsiveContainer width="100%" height="100%">
            <ScatterChart margin={{ top: 4, right: 8, bottom: 16, left: 0 }}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
              <XAxis type="number" dataKey="actual" name="Actual" domain={[lo, hi]} tickFormatter={(v: number) => formatMetric(v)} {...AXIS} />
              <YAxis type="number" dataKey="predicted" name="Predicted" domain={[lo, hi]} width={48} tickFormatter={(v: number) => formatMetric(v)} {...AXIS} />
              <Tooltip {...TOOLTIP} formatter={(v) => formatMetric(Number(v))} />
              <ReferenceLine segment={[{ x: lo, y: lo }, { x: hi, y: hi }]} stroke="var(--muted-foreground)" strokeDasharray="4 4" />
              <Scatter data={metrics.sample} fill="var(--primary)" fillOpacity={0.45} isAnimationActive={false} />
            </ScatterChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
