// Input and output schema differences: features added, removed or changed (type, range,
// categories, missing values) relative to the baseline. Identical features are only counted.
import { clsx } from 'clsx';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Feature } from '@/lib/validation/catalog';
import { featureDomain } from '../format';
import type { CompareResult } from '../types';
import { featureDiff, type FeatureChange } from './compare-diff';
import { VersionHeads } from './version-heads';

const CHANGE_BADGE: Partial<Record<FeatureChange, { label: string; variant: 'success' | 'destructive' | 'warning' }>> = {
  added: { label: 'added', variant: 'success' },
  removed: { label: 'removed', variant: 'destructive' },
  changed: { label: 'changed', variant: 'warning' },
};

const describe = (f: Feature) => `${f.type}: ${featureDomain(f)}${f.allowMissing ? ' · missing allowed' : ''}`;

export function CompareSchema({ data }: { data: CompareResult }) {
  const rows = featureDiff(data.versions, data.featureNames);
  const differing = rows.filter((r) => r.differs);
  const outputs = data.versions.map((v) => (v.outputSchema ? `${v.outputSchema.target}${v.outputSchema.classLabels?.length ? ` [${v.outputSchema.classLabels.join(', ')}]` : ''}` : ''));
  const outputDiffers = new Set(outputs).size > 1;
  return (
    <section aria-labelledby="compare-schema" className="flex flex-col gap-3">
      <h2 id="compare-schema" className="text-lg font-semibold tracking-tight">
        Schema differences
      </h2>
      <p className="text-sm text-muted-foreground" data-testid="schema-summary">
        {rows.length === 0
          ? 'None of these versions records an input schema.'
          : differing.length === 0
            ? `All ${rows.length} input features are the same in every version.`
            : `${differing.length} of ${rows.length} input features differ; ${rows.length - differing.length} are the same.`}
        {outputDiffers ? ' The output schema differs too.' : ''}
      </p>
      {differing.length > 0 || outputDiffers ? (
        <Table>
          <TableCaption>Input features and output schema that differ from the baseline</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Feature</TableHead>
              <VersionHeads versions={data.versions} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {differing.map((row) => (
              <TableRow key={row.name} data-testid="schema-diff-row" data-feature={row.name}>
                <TableHead scope="row" className="font-mono text-xs normal-case">
                  {row.name}
                </TableHead>
                {row.cells.map((cell, i) => {
                  const badge = CHANGE_BADGE[cell.change];
                  return (
                    <TableCell key={i} data-change={cell.change} className={clsx('align-top text-xs', badge && 'bg-warning/5')}>
                      {badge ? (
                        <Badge variant={badge.variant} className="mb-1">
                          {badge.label}
                        </Badge>
                      ) : null}
                      <div className={clsx(!cell.feature && 'text-muted-foreground')}>{cell.feature ? describe(cell.feature) : 'not an input'}</div>
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
            {outputDiffers ? (
              <TableRow data-testid="schema-diff-row" data-feature="(output)">
                <TableHead scope="row" className="text-xs normal-case">
                  Output (target, labels)
                </TableHead>
                {outputs.map((text, i) => (
                  <TableCell key={i} className={clsx('font-mono text-xs', i > 0 && text !== outputs[0] && 'bg-warning/5')}>
                    {text || <span className="font-sans text-muted-foreground">none</span>}
                  </TableCell>
                ))}
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      ) : null}
    </section>
  );
}
