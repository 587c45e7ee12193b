'use client';
// Per-feature drift over the whole window: the statistic Evidently's defaults chose (or a rule's
// override), its p-value or distance against the threshold, and the verdict. A row selects the
// feature whose histograms are shown.
import { clsx } from 'clsx';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatCount, formatStat, METHOD_LABELS } from '../format';
import type { FeatureDrift } from '../types';

export function DriftTable({ features, selected, onSelect }: { features: FeatureDrift[]; selected: string | null; onSelect: (feature: string) => void }) {
  return (
    <Table data-testid="drift-table">
      <TableCaption>Drift per feature against the reference dataset</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Feature</TableHead>
          <TableHead>Method</TableHead>
          <TableHead className="text-right">Statistic</TableHead>
          <TableHead className="text-right">p-value</TableHead>
          <TableHead className="text-right">Threshold</TableHead>
          <TableHead>Drift</TableHead>
          <TableHead className="text-right">Rows (ref / cur.)</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {features.map((f) => (
          <TableRow key={f.feature} data-testid="drift-row" data-feature={f.feature} data-drifted={f.drifted} className={clsx(selected === f.feature && 'bg-accent/40')}>
            <TableCell>
              <span className="flex flex-col items-start gap-0.5">
                <button type="button" onClick={() => onSelect(f.feature)} aria-pressed={selected === f.feature} className="font-mono text-xs font-medium text-primary hover:underline">
                  {f.feature}
                </button>
                <span className="text-xs text-muted-foreground">{f.type}</span>
              </span>
            </TableCell>
            <TableCell className="whitespace-nowrap" title={METHOD_LABELS[f.method] ?? f.method}>
              {f.method}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatStat(f.statistic)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatStat(f.pValue)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatStat(f.threshold)}</TableCell>
            <TableCell>
              {f.skipped ? (
                <Badge variant="outline">skipped: {f.skipped}</Badge>
              ) : f.drifted ? (
                <Badge variant="destructive">Drifted</Badge>
              ) : (
                <Badge variant="success">No drift</Badge>
              )}
            </TableCell>
            <TableCell className="text-right whitespace-nowrap tabular-nums">
              {formatCount(f.referenceCount)} / {formatCount(f.currentCount)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
