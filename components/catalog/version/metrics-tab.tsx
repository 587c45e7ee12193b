// Offline metrics recorded with the version, by name.
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatMetric } from '../format';
import type { VersionDetail } from '../types';

export function MetricsTab({ v }: { v: VersionDetail }) {
  const metrics = Object.entries(v.metrics).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="flex max-w-2xl flex-col gap-3">
      <Table>
        <TableCaption>Metrics of v{v.version}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Metric</TableHead>
            <TableHead className="text-right">Value</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {metrics.length === 0 ? (
            <TableRow>
              <TableCell colSpan={2} className="py-8 text-center text-muted-foreground">
                No metrics were recorded for this version.
              </TableCell>
            </TableRow>
          ) : (
            metrics.map(([name, value]) => (
              <TableRow key={name} data-testid="metric-row" data-metric={name}>
                <TableCell className="font-mono text-xs">{name}</TableCell>
                <TableCell className="text-right font-mono text-sm tabular-nums" title={String(value)}>
                  {formatMetric(value)}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      <p className="text-xs text-muted-foreground">As reported at upload. Evaluations run in Modelgate will appear on the Evaluations tab.</p>
    </div>
  );
}
