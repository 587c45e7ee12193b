// Metrics side by side: the best value in each row highlighted, deltas against the baseline.
import { clsx } from 'clsx';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatMetric } from '../format';
import type { CompareResult } from '../types';
import { metricDelta, metricRows } from './compare-diff';
import { VersionHeads } from './version-heads';

export function CompareMetrics({ data }: { data: CompareResult }) {
  const rows = metricRows(data.versions, data.metricNames);
  return (
    <section aria-labelledby="compare-metrics" className="flex flex-col gap-3">
      <h2 id="compare-metrics" className="text-lg font-semibold tracking-tight">
        Metrics
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">None of these versions recorded metrics.</p>
      ) : (
        <Table>
          <TableCaption>Metrics by version; the best value in each row is highlighted and deltas are against the baseline</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Metric</TableHead>
              <VersionHeads versions={data.versions} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.name} data-testid="compare-metric-row" data-metric={row.name}>
                <TableHead scope="row" className="font-mono text-xs normal-case">
                  {row.name}
                  <span className="ml-1.5 font-sans text-muted-foreground">{row.lowerBetter ? '(lower is better)' : ''}</span>
                </TableHead>
                {row.values.map((value, i) => {
                  const best = row.best !== undefined && value === row.best;
                  const delta = i === 0 ? null : metricDelta(value, row.values[0], row.lowerBetter);
                  return (
                    <TableCell key={i} data-best={best || undefined} className={clsx('font-mono text-sm tabular-nums', best && 'bg-success/10 font-semibold')}>
                      {formatMetric(value)}
                      {best ? <span className="sr-only"> (best)</span> : null}
                      {delta ? (
                        <span className={clsx('ml-2 text-xs font-normal', delta.better === true && 'text-success', delta.better === false && 'text-destructive', delta.better === null && 'text-muted-foreground')}>
                          {delta.text}
                        </span>
                      ) : null}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
