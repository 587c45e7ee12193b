// Display helpers for monitoring: rates, latencies, shares, and the words for alert kinds and rules.
import type { AlertKind, Severity } from './types';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export const KIND_LABELS: Record<AlertKind, string> = {
  feature_drift: 'Feature drift',
  dataset_drift: 'Dataset drift',
  missing_rate: 'Missing values',
  out_of_range_rate: 'Out of range',
  unknown_category_rate: 'Unknown categories',
  type_error_rate: 'Type errors',
  latency_p95: 'Latency p95',
  performance: 'Performance',
  traffic_drop: 'Traffic drop',
};

export const METHOD_LABELS: Record<string, string> = {
  ks: 'Kolmogorov–Smirnov',
  chisquare: 'Chi-square',
  z: 'Z-test (proportions)',
  wasserstein: 'Wasserstein (normed)',
  jensenshannon: 'Jensen–Shannon',
  psi: 'PSI',
};

export const isDriftKind = (kind: AlertKind) => kind === 'feature_drift' || kind === 'dataset_drift';

/** 1,234 */
export const formatCount = (n: number) => n.toLocaleString('en');

/** Events per second, or per minute when slower, so a quiet deployment does not read "0.00/s". */
export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0/s';
  if (perSecond >= 1) return `${perSecond >= 100 ? Math.round(perSecond) : perSecond.toFixed(1)}/s`;
  const perMinute = perSecond * 60;
  return `${perMinute >= 10 ? Math.round(perMinute) : perMinute.toFixed(1)}/min`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms >= 100 ? Math.round(ms) : ms.toFixed(1)} ms`;
}

export function formatShare(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 2 : 1)}%`;
}

/** Statistics and p-values: 3 significant digits, scientific when tiny. */
export function formatStat(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x !== 0 && Math.abs(x) < 0.001) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/** How an alert's value or a rule's threshold reads for its kind: shares as percentages, latency in
 * ms, statistics and metrics to 3 significant digits (never a raw float). */
export function formatThreshold(kind: AlertKind, threshold: number | null): string {
  if (threshold === null) return kind === 'feature_drift' ? 'method default' : '—';
  if (kind === 'latency_p95') return formatMs(threshold);
  if (kind === 'performance' || kind === 'feature_drift') return formatStat(threshold);
  return formatShare(threshold);
}

export function formatWindow(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/** "12:30" within a day, "03-04 12:30" across days; UTC like every time in Modelgate. */
export function formatTick(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs <= 86_400_000 ? iso.slice(11, 16) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}
