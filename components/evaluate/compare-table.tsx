// This version's headline metrics beside another version's on the same data, with the difference
// coloured by whether it is an improvement.
import { clsx } from 'clsx';
import { formatMetric } from '@/components/catalog/format';
import type { MetricSummary } from '@/lib/evaluation/worker/protocol';
import { METRIC_NAMES } from './metric-cards';

const LOWER_IS_BETTER = new Set(['log_loss', 'ece', 'mae', 'rmse']);

type Props = { version: number; compareVersion: number; candidate: MetricSummary; comparison: MetricSummary };

const cell = (value: number | null) => (value === null ? '—' : formatMetric(value));

export function CompareTable({ version, compareVersion, candidate, comparison }: Props) {
  return (
    <div className="overflow-x-auto">
      <table data-testid="compare-table" className="w-full max-w-2xl text-sm">
        <caption className="mb-2 text-left text-xs text-muted-foreground">
          v{version} compared with v{compareVersion} on the same rows
        </caption>
        <thead>
          <tr className="border-b border-border text-xs text-muted-foreground">
            <th scope="col" className="px-2 py-1.5 text-left font-medium">
              Metric
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              v{version}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              v{compareVersion}
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              Difference
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(candidate).map(([name, a]) => {
            const b = comparison[name] ?? null;
            const delta = a === null || b === null ? null : a - b;
            const better = delta === null || delta === 0 ? null : LOWER_IS_BETTER.has(name) ? delta < 0 : delta > 0;
            return (
              <tr key={name} data-testid="compare-row" data-metric={name} data-candidate={a ?? ''} data-comparison={b ?? ''} data-delta={delta ?? ''} className="border-b border-border/60">
                <th scope="row" className="px-2 py-1.5 text-left font-medium">
                  {METRIC_NAMES[name] ?? name}
                </th>
                <td className="px-2 py-1.5 text-right font-mono tabular-nums">{cell(a)}</td>
                <td className="px-2 py-1.5 text-right font-mono tabular-nums">{cell(b)}</td>
                <td
                  data-better={better === null ? '' : String(better)}
                  className={clsx('px-2 py-1.5 text-right font-mono tabular-nums', better === true && 'text-emerald-600 dark:text-emerald-400', better === false && 'text-red-600 dark:text-red-400')}
                >
                  {delta === null ? '—' : `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${formatMetric(Math.abs(delta))}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
