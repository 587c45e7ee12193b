'use client';
// Which model version to evaluate: a search box that narrows the catalog, the model, then its version.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Input } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';

export type VersionRef = { modelId: string; version: number | null };

export function ModelVersionPicker({ value, onChange, disabled }: { value: VersionRef; onChange: (next: VersionRef) => void; disabled?: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const list = useQuery({ ...trpc.catalog.list.queryOptions({ q: q || undefined, pageSize: 50, sort: 'name', direction: 'asc' }), placeholderData: keepPreviousData });
  const model = useQuery({ ...trpc.catalog.model.queryOptions({ modelId: value.modelId }), enabled: value.modelId !== '' });

  const items = list.data?.items ?? [];
  // The chosen model stays selectable even when the search no longer matches it.
  const chosen = model.data?.model;
  const options = chosen && !items.some((m) => m.id === chosen.id) ? [{ id: chosen.id, name: chosen.name }, ...items] : items;
  const versions = model.data?.versions ?? [];

  return (
    <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_10rem]">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-search`}>Search models</Label>
        <Input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, team or tag" disabled={disabled} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-model`}>Model</Label>
        <Select
          id={`${id}-model`}
          value={chosen?.id ?? value.modelId}
          disabled={disabled}
          onChange={(e) => onChange({ modelId: e.target.value, version: null })}
        >
          <option value="">{list.isPending ? 'Loading models…' : options.length ? 'Choose a model' : 'No models match'}</option>
          {options.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-version`}>Version</Label>
        <Select
          id={`${id}-version`}
          value={value.version === null ? '' : String(value.version)}
          disabled={disabled || versions.length === 0}
          onChange={(e) => onChange({ modelId: value.modelId, version: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">{model.isLoading ? 'Loading…' : 'Choose'}</option>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
              {v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}
            </option>
          ))}
        </Select>
      </div>
      {model.error ? <FieldHint className="text-destructive sm:col-span-3">{model.error.message}</FieldHint> : null}
    </div>
  );
}
