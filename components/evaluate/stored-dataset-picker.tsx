'use client';
// Picks another dataset stored on the server: a search box (dataset name, or "model v2" for the
// reference dataset of that version) that narrows a list of the stored datasets.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useDeferredValue, useId, useState } from 'react';
import { formatBytes } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Input } from '@/components/ui/input';
import { FieldError, FieldHint, Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { AppRouter } from '@/server/trpc/routers/_app';

export type StoredDataset = inferRouterOutputs<AppRouter>['catalog']['datasets']['items'][number];

/** "Credit default risk v2 reference · holdout.csv · 1,200 rows" */
function storedDatasetLabel(d: StoredDataset): string {
  const uses = d.referenceOf.map((r) => `${r.modelName} v${r.version}`).join(', ');
  return `${uses ? `${uses} reference · ` : ''}${d.name} · ${d.rowCount.toLocaleString('en')} rows`;
}

export function StoredDatasetPicker({ value, onChange, disabled }: { value: StoredDataset | null; onChange: (next: StoredDataset | null) => void; disabled?: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const list = useQuery({ ...trpc.catalog.datasets.queryOptions({ q: q || undefined, limit: 50 }), placeholderData: keepPreviousData });
  const items = list.data?.items ?? [];
  // The chosen dataset stays selectable even when the search no longer matches it.
  const options = value && !items.some((d) => d.id === value.id) ? [value, ...items] : items;

  return (
    <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-search`}>Search stored datasets</Label>
        <Input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, or model and version" disabled={disabled} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-dataset`}>Stored dataset</Label>
        <Select
          id={`${id}-dataset`}
          value={value?.id ?? ''}
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(options.find((d) => d.id === e.target.value) ?? null)}
        >
          <option value="">{list.isPending ? 'Loading datasets…' : options.length ? 'Choose a dataset' : 'No stored datasets match'}</option>
          {options.map((d) => (
            <option key={d.id} value={d.id}>
              {storedDatasetLabel(d)}
            </option>
          ))}
        </Select>
      </div>
      <FieldHint id={`${id}-hint`} className="sm:col-span-2">
        Streamed from the server into this browser and scored here; when you save, the server recomputes the metrics from its own copy.
        {value ? ` ${formatBytes(value.size)}, ${value.columns.length} columns.` : ''}
        {list.data?.more ? ' More datasets match than are listed: narrow the search.' : ''}
      </FieldHint>
      {list.error ? (
        <div className="sm:col-span-2">
          <FieldError>{list.error.message}</FieldError>
        </div>
      ) : null}
    </div>
  );
}
