'use client';
// Rows of "role × count" for the signatures a release needs. A role can appear once: each row's
// choice leaves out the roles other rows already use, so the form cannot ask for a duplicate.
import { Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FieldHint } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { ROLE_LABELS } from '@/lib/roles';
import { SIGNING_ROLES, type ApprovalRequirement } from '@/lib/validation/releases';

type ApprovalsEditorProps = {
  idPrefix: string;
  legend: string;
  value: ApprovalRequirement[];
  onChange: (next: ApprovalRequirement[]) => void;
  /** A tier policy needs at least one row; a model's extra approvals may have none. */
  minRows?: number;
  hint?: string;
  emptyText?: string;
};

const MAX_COUNT = 10;

export function ApprovalsEditor({ idPrefix, legend, value, onChange, minRows = 0, hint, emptyText }: ApprovalsEditorProps) {
  const used = new Set(value.map((r) => r.role));
  const free = SIGNING_ROLES.filter((r) => !used.has(r));
  const update = (index: number, patch: Partial<ApprovalRequirement>) => onChange(value.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const remove = (index: number) => onChange(value.filter((_, i) => i !== index));
  const add = () => {
    const role = free[0];
    if (role) onChange([...value, { role, count: 1 }]);
  };

  return (
    <fieldset className="flex flex-col gap-2" data-testid="approvals-editor" aria-describedby={hint ? `${idPrefix}-hint` : undefined}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {hint ? <FieldHint id={`${idPrefix}-hint`}>{hint}</FieldHint> : null}
      {value.length === 0 && emptyText ? <p className="text-sm text-muted-foreground">{emptyText}</p> : null}
      <ul className="flex flex-col gap-2">
        {value.map((row, index) => {
          const rowId = `${idPrefix}-${index}`;
          const label = ROLE_LABELS[row.role];
          return (
            <li key={index} className="grid grid-cols-[minmax(0,1fr)_5.5rem_auto] items-center gap-2" data-testid="approval-row" data-role={row.role}>
              <Select id={`${rowId}-role`} aria-label={`Role for approval ${index + 1}`} value={row.role} onChange={(e) => update(index, { role: e.currentTarget.value as ApprovalRequirement['role'] })}>
                {SIGNING_ROLES.filter((r) => r === row.role || !used.has(r)).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </Select>
              <Input
                id={`${rowId}-count`}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_COUNT}
                step={1}
                required
                aria-label={`${label} signatures needed`}
                value={Number.isNaN(row.count) ? '' : row.count}
                onChange={(e) => update(index, { count: e.currentTarget.valueAsNumber })}
                className="tabular-nums"
              />
              <Button
                size="icon"
                variant="destructive-ghost"
                className="size-8"
                onClick={() => remove(index)}
                disabled={value.length <= minRows}
                aria-label={`Remove ${label} approval`}
                title={value.length <= minRows ? 'A policy needs at least one approval.' : undefined}
              >
                <Trash2 aria-hidden />
              </Button>
            </li>
          );
        })}
      </ul>
      <Button size="sm" variant="outline" className="self-start" onClick={add} disabled={free.length === 0}>
        <Plus aria-hidden />
        Add approval
      </Button>
    </fieldset>
  );
}
