'use client';
// The audit filter bar. Filters live in the URL, so a filtered view can be bookmarked or shared
// and the server prefetches exactly what the list will ask for.
import { Filter, X } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId, useRef, useState, useTransition, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { AUDIT_ACTIONS } from '@/lib/audit-actions';
import { auditFilterParams, hasAuditFilters, parseAuditFilters, type AuditUrlFilters } from '@/lib/audit-filters';
import { isoToUtcInput, utcInputToIso } from './format';

type Draft = Record<'actor' | 'action' | 'entityType' | 'entityId' | 'from' | 'to', string>;

function toDraft(filters: AuditUrlFilters): Draft {
  return {
    actor: filters.actor ?? '',
    action: filters.action ?? '',
    entityType: filters.entityType ?? '',
    entityId: filters.entityId ?? '',
    from: isoToUtcInput(filters.from),
    to: isoToUtcInput(filters.to),
  };
}

function fromDraft(draft: Draft): AuditUrlFilters {
  return parseAuditFilters({ ...draft, from: utcInputToIso(draft.from), to: utcInputToIso(draft.to) });
}

export function AuditFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = parseAuditFilters(searchParams);
  const [pending, startTransition] = useTransition();
  const id = useId();
  const actorRef = useRef<HTMLInputElement>(null);

  // The fields are a draft of the URL's filters. When the URL changes from outside (Back, Clear,
  // a shared link) the draft follows it; the form itself is never remounted, so focus stays put.
  const urlKey = searchParams.toString();
  const [draft, setDraft] = useState(() => toDraft(filters));
  const [syncedKey, setSyncedKey] = useState(urlKey);
  if (syncedKey !== urlKey) {
    setSyncedKey(urlKey);
    setDraft(toDraft(filters));
  }

  function navigate(next: AuditUrlFilters) {
    const query = auditFilterParams(next).toString();
    // In a transition, the current rows stay on screen while the filtered ones load.
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  const set = (key: keyof Draft) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const value = event.currentTarget.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate(fromDraft(draft));
  }

  return (
    <form onSubmit={onSubmit} aria-label="Filter audit events" className="rounded-xl border border-border bg-card p-4 shadow-xs">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6">
        <Field id={`${id}-actor`} label="Actor">
          <Input ref={actorRef} id={`${id}-actor`} name="actor" value={draft.actor} onChange={set('actor')} placeholder="Name or user id" />
        </Field>
        <Field id={`${id}-action`} label="Action">
          <Select
            id={`${id}-action`}
            name="action"
            value={draft.action}
            onChange={(event) => {
              // Choosing an action applies at once (with whatever else is typed), as people expect of a select.
              const next = { ...draft, action: event.currentTarget.value };
              setDraft(next);
              navigate(fromDraft(next));
            }}
          >
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={`${id}-entity-type`} label="Entity type">
          <Input id={`${id}-entity-type`} name="entityType" value={draft.entityType} onChange={set('entityType')} placeholder="e.g. user" />
        </Field>
        <Field id={`${id}-entity-id`} label="Entity id">
          <Input id={`${id}-entity-id`} name="entityId" value={draft.entityId} onChange={set('entityId')} className="font-mono" />
        </Field>
        <Field id={`${id}-from`} label="From (UTC)">
          <Input id={`${id}-from`} name="from" type="datetime-local" step={60} value={draft.from} onChange={set('from')} />
        </Field>
        <Field id={`${id}-to`} label="To (UTC)">
          <Input id={`${id}-to`} name="to" type="datetime-local" step={60} value={draft.to} onChange={set('to')} />
        </Field>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm">
          <Filter aria-hidden />
          Apply filters
        </Button>
        {hasAuditFilters(filters) ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              navigate({});
              // This button disappears once nothing is filtered; keep keyboard focus in the form.
              actorRef.current?.focus();
            }}
          >
            <X aria-hidden />
            Clear filters
          </Button>
        ) : null}
        <span role="status" className="text-xs text-muted-foreground">
          {pending ? 'Updating…' : ''}
        </span>
      </div>
    </form>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      {children}
    </div>
  );
}
