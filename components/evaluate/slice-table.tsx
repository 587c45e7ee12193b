// Headline metrics per slice (one value of the chosen column), largest slice first.
import { formatMetric } from '@/components/catalog/format';
import type { SliceSummary } from '@/lib/evaluation/worker/protocol';
import { METRIC_NAMES } from './metric-cards';

export function SliceTable({ column, slices }: { column: string; slices: SliceSummary[] }) {
  const metrics = Object.keys(slices[0]?.summary ?? {});
  return (
    <div className="overflow-x-auto">
      <table data-testid="slice-table" className="w-full text-sm">
        <caption className="mb-2 text-left text-xs text-muted-foreground">Metrics by {column}</caption>
        <thead>
          <tr className="border-b border-border text-xs text-muted-foreground">
            <th scope="col" className="px-2 py-1.5 text-left font-medium">
              {column}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              Rows
            </th>
            {metrics.map((m) => (
              <th key={m} scope="col" className="px-2 py-1.5 text-right font-medium">
                {METRIC_NAMES[m] ?? m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {slices.map((s) => (
            <tr key={s.value} data-testid="slice-row" data-slice={s.value} data-count={s.count} className="border-b border-border/60">
              <th scope="row" className="max-w-48 truncate px-2 py-1.5 text-left font-medium" title={s.value}>
                {s.value}
              </th>
              <td className="px-2 py-1.5 text-right font-mono tabular-nums">{s.count.toLocaleString('en')}</td>
              {metrics.map((m) => {
                const value = s.summary[m] ?? null;
                return (
                  <td key={m} data-metric={m} data-value={value ?? ''} className="px-2 py-1.5 text-right font-mono tabular-nums">
                    {value === null ? '—' : formatMetric(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
