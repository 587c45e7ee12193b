// Data quality over the window, per feature: missing values, numbers outside the schema's range and
// categories the schema does not list, plus the share of events refused for wrong types.
import { clsx } from 'clsx';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatShare } from '../format';
import type { DeploymentStats } from '../types';

/** Rates at or above this are worth a look (the default alert rules start at 5–10%). */
const NOTABLE = 0.05;

function Rate({ value }: { value: number | null }) {
  if (value === null) return <span className="text-muted-foreground">n/a</span>;
  return <span className={clsx('tabular-nums', value >= NOTABLE && 'font-semibold text-warning')}>{formatShare(value)}</span>;
}

export function QualityTable({ stats }: { stats: DeploymentStats }) {
  return (
    <section aria-labelledby="quality-title" className="flex flex-col gap-3" data-testid="quality">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="quality-title" className="text-lg font-semibold tracking-tight">
          Data quality
        </h2>
        <span className="text-sm text-muted-foreground">
          Type errors: <Rate value={stats.typeErrorRate} /> of events refused
        </span>
      </div>
      {stats.quality.length === 0 ? (
        <p className="rounded-xl border border-dashed border-border p-6 text-center text-sm text-muted-foreground">No events in this window.</p>
      ) : (
        <Table>
          <TableCaption>Data quality per feature over the window</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Feature</TableHead>
              <TableHead>Type</TableHead>
              <TableHead className="text-right">Missing</TableHead>
              <TableHead className="text-right">Out of range</TableHead>
              <TableHead className="text-right">Unknown category</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {stats.quality.map((q) => (
              <TableRow key={q.feature} data-testid="quality-row" data-feature={q.feature}>
                <TableCell className="font-mono text-xs">{q.feature}</TableCell>
                <TableCell>
                  <Badge variant="outline">{q.kind}</Badge>
                </TableCell>
                <TableCell className="text-right">
                  <Rate value={q.missingRate} />
                </TableCell>
                <TableCell className="text-right">
                  <Rate value={q.outOfRangeRate} />
                </TableCell>
                <TableCell className="text-right">
                  <Rate value={q.unknownCategoryRate} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
