'use client';
// Search, filters and sort for the catalog. Typing searches after a short pause (or at once on
// Enter); menus apply as soon as they change. Everything is in the URL, so views can be shared.
import { useSuspenseQuery } from '@tanstack/react-query';
import { Search, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { RISK_TIERS, TASK_TYPE_LABELS, TASK_TYPES, type RiskTier, type TaskType } from '@/lib/validation/catalog';
import { hasCatalogFilters, SORT_OPTIONS, type CatalogSort } from './catalog-params';
import { useCatalogUrl } from './use-catalog-url';

const TYPING_DELAY_MS = 350;

export function CatalogFilters() {
  const trpc = useTRPC();
  const { data: facets } = useSuspenseQuery(trpc.catalog.facets.queryOptions());
  const { query, setFilters, pending } = useCatalogUrl();
  const id = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // The text fields are drafts of the URL; when the URL changes from outside (Back, Clear) they follow it.
  const urlText = `${query.q ?? ''}\u0000${query.tag ?? ''}`;
  const [draft, setDraft] = useState({ q: query.q ?? '', tag: query.tag ?? '' });
  const [synced, setSynced] = useState(urlText);
  // What this form last sent: when the URL catches up with it, the draft (maybe typed further) stays.
  const [sent, setSent] = useState(urlText);
  if (synced !== urlText) {
    setSynced(urlText);
    if (urlText !== sent) setDraft({ q: query.q ?? '', tag: query.tag ?? '' });
  }
  useEffect(() => () => clearTimeout(timer.current), []);
  // A delayed search applies on top of the URL as it is then (a menu may have changed meanwhile).
  const latestSetFilters = useRef(setFilters);
  useEffect(() => {
    latestSetFilters.current = setFilters;
  });

  function type(key: 'q' | 'tag', value: string) {
    const next = { ...draft, [key]: value };
    setDraft(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => apply(next), TYPING_DELAY_MS);
  }

  function apply(text: { q: string; tag: string }) {
    setSent(`${text.q.trim()}\u0000${text.tag.trim()}`);
    latestSetFilters.current({ q: text.q || undefined, tag: text.tag || undefined });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    clearTimeout(timer.current);
    apply(draft);
  }

  return (
    <form role="search" aria-label="Search and filter models" onSubmit={onSubmit} className="rounded-xl border border-border bg-card p-4 shadow-xs">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
        <Field id={`${id}-q`} label="Search models" className="sm:col-span-2 lg:col-span-4 xl:col-span-2">
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input ref={searchRef} id={`${id}-q`} type="search" value={draft.q} onChange={(e) => type('q', e.currentTarget.value)} placeholder="Name, description, team or tag" className="pl-8" />
          </div>
        </Field>
        <Field id={`${id}-team`} label="Owner team">
          <Select id={`${id}-team`} value={query.ownerTeam ?? ''} onChange={(e) => setFilters({ ownerTeam: e.currentTarget.value || undefined })}>
            <option value="">Any team</option>
            {facets.ownerTeams.map((team) => (
              <option key={team}>{team}</option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-task`} label="Task type">
          <Select id={`${id}-task`} value={query.taskType ?? ''} onChange={(e) => setFilters({ taskType: (e.currentTarget.value || undefined) as TaskType | undefined })}>
            <option value="">Any task</option>
            {TASK_TYPES.map((t) => (
              <option key={t} value={t}>
                {TASK_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-risk`} label="Risk tier">
          <Select id={`${id}-risk`} value={query.riskTier ?? ''} onChange={(e) => setFilters({ riskTier: (e.currentTarget.value || undefined) as RiskTier | undefined })}>
            <option value="">Any tier</option>
            {RISK_TIERS.map((t) => (
              <option key={t} value={t}>
                {t[0]?.toUpperCase()}
                {t.slice(1)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-alias`} label="Alias">
          <Select id={`${id}-alias`} value={query.alias ?? ''} onChange={(e) => setFilters({ alias: e.currentTarget.value || undefined })}>
            <option value="">Any or none</option>
            {facets.aliases.map((alias) => (
              <option key={alias}>{alias}</option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-tag`} label="Tag">
          <Input id={`${id}-tag`} value={draft.tag} onChange={(e) => type('tag', e.currentTarget.value)} placeholder="key or key:value" className="font-mono" />
        </Field>
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-3">
        <Field id={`${id}-sort`} label="Sort by" className="w-52">
          <Select
            id={`${id}-sort`}
            value={`${query.sort}:${query.direction}`}
            onChange={(e) => {
              const [sort, direction] = e.currentTarget.value.split(':') as [CatalogSort, 'asc' | 'desc'];
              setFilters({ sort, direction });
            }}
          >
            {SORT_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        {/* Enter in a text field submits; the button is for pointer users who expect one. */}
        <Button type="submit" variant="outline">
          <Search aria-hidden />
          Search
        </Button>
        {hasCatalogFilters(query) ? (
          <Button
            variant="ghost"
            onClick={() => {
              clearTimeout(timer.current);
              setFilters({ q: undefined, ownerTeam: undefined, taskType: undefined, riskTier: undefined, alias: undefined, tag: undefined });
              searchRef.current?.focus();
            }}
          >
            <X aria-hidden />
            Clear filters
          </Button>
        ) : null}
        <span role="status" className="pb-2 text-xs text-muted-foreground">
          {pending ? 'Updating…' : ''}
        </span>
      </div>
    </form>
  );
}

function Field({ id, label, className, children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`flex min-w-0 flex-col gap-1.5 ${className ?? ''}`}>
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  );
}
