'use client';
// The label column, and the features the file's header does not name: each problem from the
// column plan gets a select to map the feature to one of the file's columns.
import { useId } from 'react';
import type { ColumnPlan } from '@/lib/evaluation/plan';
import { Alert } from '@/components/ui/alert';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';

type Props = {
  header: string[];
  plan: ColumnPlan | null;
  target: string;
  labelColumn: string;
  mapping: Record<string, string>;
  onLabelColumn: (column: string) => void;
  onMap: (feature: string, column: string | null) => void;
  disabled?: boolean;
};

export function ColumnMapping({ header, plan, target, labelColumn, mapping, onLabelColumn, onMap, disabled }: Props) {
  const id = useId();
  if (header.length === 0) return null;
  const problems = (plan?.problems ?? []).filter((p) => p.kind !== 'missing_label' || !header.includes(labelColumn));
  const mappable = (feature: string | undefined): feature is string => feature !== undefined && feature !== target;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex max-w-sm flex-col gap-1.5">
        <Label htmlFor={`${id}-label`}>Label column</Label>
        <Select id={`${id}-label`} value={header.includes(labelColumn) ? labelColumn : ''} onChange={(e) => onLabelColumn(e.target.value)} disabled={disabled}>
          <option value="">Choose the column with the true {target}</option>
          {header.map((c) => (
            <option key={c} value={c}>
              {c}
              {c === target ? ' (output schema target)' : ''}
            </option>
          ))}
        </Select>
      </div>
      {problems.length > 0 ? (
        <div data-testid="mapping-problems" className="flex flex-col gap-3">
          <Alert variant="warning" title="Some columns need mapping">
            The file&apos;s header does not match what the model expects. Map each feature to a column of the file.
          </Alert>
          <ul className="flex flex-col gap-3">
            {problems.map((p, i) => (
              <li key={`${p.kind}-${p.feature ?? i}`} className="grid gap-2 rounded-lg border border-border p-3 sm:grid-cols-[minmax(0,1fr)_16rem] sm:items-center">
                <p className="text-sm">{p.message}</p>
                {mappable(p.feature) && p.kind !== 'unsupported_spec' ? (
                  <Select
                    aria-label={`Column for ${p.feature}`}
                    value={mapping[p.feature] ?? ''}
                    onChange={(e) => onMap(p.feature as string, e.target.value || null)}
                    disabled={disabled}
                  >
                    <option value="">Choose a column</option>
                    {header.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </Select>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
