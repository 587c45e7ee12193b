'use client';
// Editable rows of input features: name, type, range (numeric) or categories, and whether a value
// may be missing. Values are kept as typed; the dialog turns them into an InputSchema on save.
import { Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { Feature } from '@/lib/validation/catalog';

export type FeatureDraft = { key: string; name: string; type: 'numeric' | 'categorical'; min: string; max: string; categories: string; allowMissing: boolean; description?: string };

let nextKey = 0;
export const toDraft = (f?: Feature): FeatureDraft => ({
  key: `f${nextKey++}`,
  name: f?.name ?? '',
  type: f?.type ?? 'numeric',
  min: f?.min === undefined ? '' : String(f.min),
  max: f?.max === undefined ? '' : String(f.max),
  categories: f?.categories?.join(', ') ?? '',
  allowMissing: f?.allowMissing ?? false,
  description: f?.description,
});

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

export function fromDraft(d: FeatureDraft): Feature {
  return {
    name: d.name.trim(),
    type: d.type,
    ...(d.description ? { description: d.description } : {}),
    ...(d.type === 'numeric' ? { min: num(d.min), max: num(d.max) } : { categories: d.categories.split(',').map((c) => c.trim()).filter(Boolean) }),
    allowMissing: d.allowMissing,
  };
}

export function FeatureRowsEditor({ rows, onChange }: { rows: FeatureDraft[]; onChange: (rows: FeatureDraft[]) => void }) {
  const update = (key: string, patch: Partial<FeatureDraft>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-2 text-sm font-semibold">Input features</legend>
      <div className="flex max-h-80 flex-col gap-2 overflow-y-auto pr-1">
        {rows.map((r, i) => (
          <div key={r.key} data-testid="feature-edit-row" className="grid grid-cols-[minmax(0,1.2fr)_7.5rem_minmax(0,1.6fr)_auto_auto] items-center gap-2">
            <Input aria-label={`Feature ${i + 1} name`} value={r.name} onChange={(e) => update(r.key, { name: e.currentTarget.value })} className="font-mono text-xs" />
            <Select aria-label={`Feature ${i + 1} type`} value={r.type} onChange={(e) => update(r.key, { type: e.currentTarget.value as FeatureDraft['type'] })}>
              <option value="numeric">numeric</option>
              <option value="categorical">categorical</option>
            </Select>
            {r.type === 'numeric' ? (
              <div className="grid grid-cols-2 gap-2">
                <Input aria-label={`Feature ${i + 1} minimum`} placeholder="min" inputMode="decimal" value={r.min} onChange={(e) => update(r.key, { min: e.currentTarget.value })} />
                <Input aria-label={`Feature ${i + 1} maximum`} placeholder="max" inputMode="decimal" value={r.max} onChange={(e) => update(r.key, { max: e.currentTarget.value })} />
              </div>
            ) : (
              <Input aria-label={`Feature ${i + 1} categories`} placeholder="a, b, c" value={r.categories} onChange={(e) => update(r.key, { categories: e.currentTarget.value })} />
            )}
            <label className="flex items-center gap-1.5 text-xs whitespace-nowrap">
              <Checkbox checked={r.allowMissing} onChange={(e) => update(r.key, { allowMissing: e.currentTarget.checked })} />
              Missing allowed<span className="sr-only"> for feature {i + 1}</span>
            </label>
            <Button variant="ghost" size="icon" onClick={() => onChange(rows.filter((x) => x.key !== r.key))} aria-label={`Remove feature ${i + 1}`}>
              <Trash2 aria-hidden />
            </Button>
          </div>
        ))}
      </div>
      <Button variant="outline" size="sm" className="self-start" onClick={() => onChange([...rows, toDraft()])}>
        <Plus aria-hidden />
        Add feature
      </Button>
    </fieldset>
  );
}
