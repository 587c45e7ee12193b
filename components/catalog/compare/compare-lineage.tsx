// Lineage side by side; a value that differs from the baseline is highlighted.
import { clsx } from 'clsx';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { CompareResult } from '../types';
import { lineageValues } from './compare-diff';
import { VersionHeads } from './version-heads';

export function CompareLineage({ data }: { data: CompareResult }) {
  const values = data.versions.map(lineageValues);
  const labels = Object.keys(values[0] ?? {});
  return (
    <section aria-labelledby="compare-lineage" className="flex flex-col gap-3">
      <h2 id="compare-lineage" className="text-lg font-semibold tracking-tight">
        Lineage
      </h2>
      <Table>
        <TableCaption>Lineage of each version; values that differ from the baseline are highlighted</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Field</TableHead>
            <VersionHeads versions={data.versions} />
          </TableRow>
        </TableHeader>
        <TableBody>
          {labels.map((label) => (
            <TableRow key={label} data-testid="compare-lineage-row" data-field={label}>
              <TableHead scope="row" className="text-xs normal-case">
                {label}
              </TableHead>
              {values.map((row, i) => {
                const value = row[label] ?? '';
                const differs = i > 0 && value !== (values[0]?.[label] ?? '');
                return (
                  <TableCell key={i} data-differs={differs || undefined} className={clsx('max-w-64 text-xs [overflow-wrap:anywhere]', differs && 'bg-warning/10', /SHA|Commit/.test(label) && 'font-mono')}>
                    {value || <span className="text-muted-foreground">—</span>}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
