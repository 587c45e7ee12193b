// Shared look of the monitoring charts: theme colours, axes, tooltip. The colours are CSS
// variables; the canvas charts resolve them to concrete colours per theme.
import type { Severity } from '../types';

/** Recharts styling, for the drift histograms (the time-series charts draw on a canvas). */
export const TOOLTIP = {
  contentStyle: { background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12, color: 'var(--foreground)' },
  labelStyle: { color: 'var(--muted-foreground)' },
};
export const AXIS = { stroke: 'var(--muted-foreground)', fontSize: 11, tickLine: false };

/** Class colours in a fixed order, distinguishable in both themes. */
const PALETTE = ['var(--primary)', 'oklch(0.66 0.15 155)', 'oklch(0.72 0.15 70)', 'oklch(0.62 0.2 27)', 'oklch(0.6 0.17 310)', 'oklch(0.68 0.12 210)', 'oklch(0.55 0.05 260)', 'oklch(0.75 0.12 120)'];
export const colorAt = (i: number) => PALETTE[i % PALETTE.length] ?? 'var(--primary)';
/** Latency percentiles: p50 green, p95 the primary colour, p99 the warning colour. */
export const LATENCY_COLORS = { p50: 'oklch(0.66 0.15 155)', p95: 'var(--primary)', p99: 'var(--warning)' } as const;

const SEVERITY_COLOR: Record<Severity, string> = { critical: 'var(--destructive)', warning: 'var(--warning)', info: 'var(--muted-foreground)' };

export type Marker = { id: string; at: number; label: string; severity: Severity };

/** A canvas takes no CSS variables: the colour a CSS value resolves to in the current theme, as
 * rgba() (through a 1×1 canvas, so oklch() works wherever the browser's CSS knows it). */
export function resolveColor(css: string, alpha = 1): string {
  if (typeof document === 'undefined') return css;
  const probe = document.createElement('span');
  probe.style.color = css;
  probe.style.display = 'none';
  document.body.appendChild(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) return computed;
  ctx.fillStyle = computed;
  ctx.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 255] = ctx.getImageData(0, 0, 1, 1).data;
  return `rgba(${r}, ${g}, ${b}, ${((a / 255) * alpha).toFixed(3)})`;
}

/** The concrete colours of the chart frame (axes, grid, markers) in the current theme. */
export function frameColors() {
  return {
    text: resolveColor('var(--muted-foreground)'),
    grid: resolveColor('var(--border)'),
    select: resolveColor('var(--primary)', 0.12),
    severity: { critical: resolveColor(SEVERITY_COLOR.critical), warning: resolveColor(SEVERITY_COLOR.warning), info: resolveColor(SEVERITY_COLOR.info) } satisfies Record<Severity, string>,
    font: `11px ${typeof document === 'undefined' ? 'sans-serif' : getComputedStyle(document.body).fontFamily}`,
  };
}
export type FrameColors = ReturnType<typeof frameColors>;
