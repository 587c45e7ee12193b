'use client';
// Small charts for one profiled column: a histogram for numbers (recharts) and top-frequency bars
// for categories (plain elements, so the values are also readable text). Colours follow the theme.
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CategoricalProfile, NumericProfile } from '@/lib/validation/catalog';
import { formatMetric } from '../format';

export function NumericHistogram({ name, profile }: { name: string; profile: NumericProfile }) {
  const { edges, counts } = profile.histogram;
  const data = counts.map((count, i) => ({ bin: `${formatMetric(edges[i])}–${formatMetric(edges[i + 1])}`, count }));
  const peak = data.reduce((best, d) => (d.count > best.count ? d : best), data[0] ?? { bin: '', count: 0 });
  return (
    <figure className="flex flex-col gap-1">
      <div className="h-28 w-full" role="img" aria-label={`Histogram of ${name}: ${data.length} bins from ${formatMetric(profile.min)} to ${formatMetric(profile.max)}, most values in ${peak.bin}.`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} barCategoryGap={1}>
            <XAxis dataKey="bin" hide />
            <YAxis hide />
            <Tooltip
              cursor={{ fill: 'var(--muted)' }}
              contentStyle={{ background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12, color: 'var(--foreground)' }}
              labelStyle={{ color: 'var(--muted-foreground)' }}
            />
            <Bar dataKey="count" name="Rows" fill="var(--primary)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="flex justify-between text-[11px] text-muted-foreground tabular-nums">
        <span>{formatMetric(profile.min)}</span>
        <span>{formatMetric(profile.max)}</span>
      </figcaption>
    </figure>
  );
}

const TOP = 8;

export function CategoryBars({ profile, rows }: { profile: CategoricalProfile; rows: number }) {
  const top = profile.frequencies.slice(0, TOP);
  const max = Math.max(1, ...top.map((f) => f.count));
  const rest = profile.frequencies.slice(TOP).reduce((sum, f) => sum + f.count, 0);
  return (
    <ul className="flex flex-col gap-1" aria-label="Most frequent values">
      {top.map((f) => (
        <li key={f.value} className="grid grid-cols-[minmax(0,7rem)_minmax(0,1fr)_3.5rem] items-center gap-2 text-xs">
          <span className="truncate font-mono" title={f.value}>
            {f.value === '' ? '(empty)' : f.value}
          </span>
          <span className="h-2 rounded-full bg-muted" aria-hidden>
            <span className="block h-full rounded-full bg-primary/80" style={{ width: `${(f.count / max) * 100}%` }} />
          </span>
          <span className="text-right text-muted-foreground tabular-nums">{rows > 0 ? `${((f.count / rows) * 100).toFixed(1)}%` : f.count}</span>
        </li>
      ))}
      {profile.frequencies.length > TOP ? (
        <li className="text-xs text-muted-foreground">
          {profile.frequencies.length - TOP} more values ({rest} rows)
        </li>
      ) : null}
    </ul>
  );
}
