'use client';
// Optional extras chosen before a run: split the metrics by a column's values, and run another
// version of the same model on the same dataset to compare against.
import { useId } from 'react';
import { FieldHint, Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { useCompareTarget } from './use-compare-target';

type Props = {
  columns: string[];
  sliceBy: string | null;
  onSliceBy: (column: string | null) => void;
  compare: Pick<ReturnType<typeof useCompareTarget>, 'options' | 'compareWith' | 'setCompareWith' | 'hint'>;
  disabled?: boolean;
};

export function RunOptions({ columns, sliceBy, onSliceBy, compare, disabled }: Props) {
  const id = useId();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-slice`}>Slice by</Label>
        <Select id={`${id}-slice`} value={sliceBy ?? ''} onChange={(e) => onSliceBy(e.target.value || null)} disabled={disabled || columns.length === 0}>
          <option value="">None</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
        <FieldHint>Metrics for each value of this column, as well as overall.</FieldHint>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-compare`}>Compare with</Label>
        <Select
          id={`${id}-compare`}
          value={compare.compareWith === null ? '' : String(compare.compareWith)}
          onChange={(e) => compare.setCompareWith(e.target.value ? Number(e.target.value) : null)}
          disabled={disabled || compare.options.length === 0}
        >
          <option value="">None</option>
          {compare.options.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
              {v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}
            </option>
          ))}
        </Select>
        <FieldHint>{compare.hint ?? 'Runs that version next, on the same dataset and backend.'}</FieldHint>
      </div>
    </div>
  );
}
