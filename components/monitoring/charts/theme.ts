// Shared look of the monitoring charts (theme colours, axes, tooltip) and the series helpers.
import type { Severity, StatsPoint } from '../types';

export const TOOLTIP = {
  contentStyle: { background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12, color: 'var(--foreground)' },
  labelStyle: { color: 'var(--muted-foreground)' },
};
export const AXIS = { stroke: 'var(--muted-foreground)', fontSize: 11, tickLine: false };

/** Class colours in a fixed order, distinguishable in both themes. */
export const PALETTE = ['var(--primary)', 'oklch(0.66 0.15 155)', 'oklch(0.72 0.15 70)', 'oklch(0.62 0.2 27)', 'oklch(0.6 0.17 310)', 'oklch(0.68 0.12 210)', 'oklch(0.55 0.05 260)', 'oklch(0.75 0.12 120)'];
export const colorAt = (i: number) => PALETTE[i % PALETTE.length] ?? 'var(--primary)';

export const SEVERITY_COLOR: Record<Severity, string> = { critical: 'var(--destructive)', warning: 'var(--warning)', info: 'var(--muted-foreground)' };

export type Marker = { id: string; at: number; label: string; severity: Severity };

/** One row per bucket of the window, including the empty ones, so gaps read as "no traffic". */
export type Bucket = { t: number; point: StatsPoint | null };

export function bucketsOf(series: StatsPoint[], from: string, to: string, bucketMinutes: number): Bucket[] {
  const step = bucketMinutes * 60_000;
  const start = Date.parse(from);
  const end = Date.parse(to);
  const byTime = new Map(series.map((p) => [Date.parse(p.at), p]));
  const out: Bucket[] = [];
  for (let t = start; t < end; t += step) out.push({ t, point: byTime.get(t) ?? null });
  return out;
}
