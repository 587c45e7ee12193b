'use client';
// The pre-run check of the dataset's first rows: every problem the run would meet (rows with too
// few or too many fields; in the mapped columns, wrong types, unknown categories, missing values,
// unusable labels), with counts, examples and what will happen to those rows. Informative only: Run stays available.
import { useMemo } from 'react';
import { planColumns, type EvaluationSchema } from '@/lib/evaluation/plan';
import { scanRows, type ScanFinding, type ScanOutcome } from '@/lib/evaluation/scan';
import type { TaskType } from '@/lib/validation/catalog';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeVariant } from '@/components/ui/badge';
import { FieldHint } from '@/components/ui/label';
import type { PreviewState } from './use-dataset-preview';

const OUTCOMES: Record<ScanOutcome, { label: string; variant: BadgeVariant }> = {
  row_dropped: { label: 'rows dropped', variant: 'destructive' },
  filled: { label: 'filled', variant: 'warning' },
  encoded_unknown: { label: 'encoded as unknown', variant: 'warning' },
  kept: { label: 'kept as is', variant: 'neutral' },
};

const rows = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;
const example = (v: string) => (v.trim() === '' ? '(empty)' : `“${v}”`);

/** The line under a finding: the rows it names, or the values it found. */
function examples(f: ScanFinding): string {
  if (f.kind === 'wrong_field_count') {
    const more = f.count > f.rows.length ? `, … (${f.count.toLocaleString('en')} in all)` : '';
    const which = f.rows.map((r) => `${r.row.toLocaleString('en')} (${r.fields} ${r.fields === 1 ? 'field' : 'fields'})`).join(', ');
    return `Data ${f.count === 1 ? 'row' : 'rows'}, counted from 1 below the header: ${which}${more}`;
  }
  const lead = f.distinct > f.examples.length ? `${f.distinct.toLocaleString('en')} distinct values, most frequent: ` : f.examples.length > 1 ? 'Values: ' : 'Value: ';
  return lead + f.examples.map(example).join(', ');
}

type Props = { state: PreviewState; schema: EvaluationSchema | null; mapping: Record<string, string>; taskType: TaskType | null };

export function DataScan({ state, schema, mapping, taskType }: Props) {
  const preview = state.status === 'ready' ? state.preview : null;
  const scan = useMemo(() => {
    if (!preview || !schema || !taskType) return null;
    return scanRows(preview.rows, schema, planColumns(preview.header, schema, mapping), preview.header, taskType);
  }, [preview, schema, mapping, taskType]);

  if (state.status === 'idle' || !schema) return null;
  if (state.status === 'loading') return <FieldHint data-testid="data-scan" data-state="loading">Checking the first rows of the dataset…</FieldHint>;
  if (state.status === 'error') {
    return (
      <Alert variant="warning" title="The dataset's first rows could not be read" data-testid="data-scan" data-state="error">
        {state.message} A run would stop at the same place.
      </Alert>
    );
  }
  if (!scan || !preview) return null;
  const scope = preview.complete ? `all ${rows(scan.rowsScanned)}` : `the first ${rows(scan.rowsScanned)}`;
  const common = { 'data-testid': 'data-scan', 'data-state': 'ready', 'data-rows': scan.rowsScanned, 'data-findings': scan.findings.length };
  if (scan.findings.length === 0) {
    return (
      <Alert variant="success" title="No data problems found" {...common}>
        In {scope} of the dataset, every mapped value has the type and the categories the model expects, and nothing is missing.
      </Alert>
    );
  }
  const missingDropped = scan.rowsWithMissing - scan.rowsWithMissingKept;
  return (
    <div className="flex flex-col gap-3" {...common}>
      <Alert variant="warning" title={`${scan.findings.length} data ${scan.findings.length === 1 ? 'problem' : 'problems'} in ${scope}`}>
        {scan.rowsWithMissing > 0
          ? `${rows(scan.rowsWithMissing)} ${scan.rowsWithMissing === 1 ? 'has' : 'have'} a missing or unreadable value: ${scan.rowsWithMissingKept.toLocaleString('en')} will be filled or encoded as the version's preprocessing says, ${missingDropped.toLocaleString('en')} dropped. `
          : ''}
        {scan.rowsDropped > 0
          ? `In all, ${rows(scan.rowsDropped)} of ${scan.rowsScanned.toLocaleString('en')} would be left out of the metrics.`
          : 'No row would be left out of the metrics.'}{' '}
        You can still run; fix the file or the mapping first if these are mistakes.
      </Alert>
      <ul className="flex flex-col gap-2">
        {scan.findings.map((f) => (
          <li
            key={f.kind === 'wrong_field_count' ? f.kind : `${f.feature}-${f.kind}`}
            data-testid="scan-finding"
            data-kind={f.kind}
            data-feature={f.kind === 'wrong_field_count' ? undefined : f.feature}
            data-count={f.count}
            className="flex flex-col gap-1 rounded-lg border border-border p-3 text-sm"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <p className="min-w-0 flex-1">{f.message}</p>
              <Badge variant={OUTCOMES[f.outcome].variant}>{OUTCOMES[f.outcome].label}</Badge>
            </div>
            <p className="text-xs text-muted-foreground">{examples(f)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
