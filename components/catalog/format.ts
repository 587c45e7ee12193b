// Display helpers for the catalog. Dates are shown in UTC, the clock the audit trail uses.
import { MODEL_CARD_FIELDS, type Feature } from '@/lib/validation/catalog';

/** "2025-03-04" */
export function formatDate(date: Date | string | null | undefined): string {
  if (!date) return '—';
  return new Date(date).toISOString().slice(0, 10);
}

/** "2025-03-04 12:30 UTC" */
export function formatDateTime(date: Date | string | null | undefined): string {
  if (!date) return '—';
  const iso = new Date(date).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** Metrics: up to 4 significant decimals, no trailing noise. */
export function formatMetric(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : String(Number(value.toPrecision(4)));
}

export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 2 : 1)}%`;
}

/** Only http(s) links are ever rendered from stored metadata; anything else is shown as text. */
export function safeHref(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export const versionHref = (modelId: string, version: number) => `/models/${modelId}/versions/${version}`;

/** Metrics where lower is better; everything else (accuracy, AUC, F1, R²…) is higher-is-better. */
export function lowerIsBetter(metric: string): boolean {
  return /loss|error|mae|mse|rmse|mape|brier|ece|latency|fpr|fnr|miss|perplexity/i.test(metric);
}

/** A Markdown snippet as plain text for one-line previews (links keep their text). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function cardFieldLabel(key: string): string {
  return MODEL_CARD_FIELDS.find(([k]) => k === key)?.[1] ?? key;
}

/** A feature's allowed values: a numeric range or the list of categories. */
export function featureDomain(f: Pick<Feature, 'type' | 'min' | 'max' | 'categories'>): string {
  if (f.type === 'categorical') return f.categories?.length ? f.categories.join(', ') : '—';
  if (f.min === undefined && f.max === undefined) return 'any number';
  return `${f.min ?? '−∞'} to ${f.max ?? '∞'}`;
}
