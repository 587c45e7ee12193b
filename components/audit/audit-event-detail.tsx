'use client';
// Everything recorded for one audit event: who, what, from where, the field-by-field change and
// the two hashes that chain it to the event before.
import { ArrowRight, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { actorTypeLabel, fieldOf, formatUtc, prettyValue, roleLabel, type AuditEventRow } from './format';

export function AuditEventDetail({ event, onClose }: { event: AuditEventRow; onClose: () => void }) {
  return (
    <section
      data-testid="audit-detail"
      aria-labelledby="audit-detail-title"
      className="flex flex-col gap-5 rounded-xl border border-border bg-card p-5 shadow-xs"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1.5">
          <h2 id="audit-detail-title" className="text-base font-semibold tracking-tight">
            Event #{event.seq}
          </h2>
          <Badge variant="primary" className="self-start font-mono">
            {event.action}
          </Badge>
        </div>
        <button type="button" onClick={onClose} aria-label="Close details" className="rounded-md p-1.5 text-muted-foreground hover:bg-muted hover:text-foreground">
          <X aria-hidden className="size-4" />
        </button>
      </div>

      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
        <Item term="Occurred at">{formatUtc(event.occurredAt, true)}</Item>
        <Item term="Actor">{event.actorName}</Item>
        <Item term="Actor type">{actorTypeLabel(event.actorType)}</Item>
        <Item term="Actor id" mono>{event.actorId}</Item>
        <Item term="Actor roles">{event.actorRoles.length ? event.actorRoles.map(roleLabel).join(', ') : null}</Item>
        <Item term="Entity type">{event.entityType}</Item>
        <Item term="Entity id" mono>{event.entityId}</Item>
        <Item term="Reason">{event.reason}</Item>
        <Item term="Request id" mono>{event.requestId}</Item>
        <Item term="IP address" mono>{event.ip}</Item>
        <Item term="User agent">{event.userAgent}</Item>
      </dl>

      <Changes event={event} />

      <div className="flex flex-col gap-2 border-t border-border pt-4">
        <h3 className="text-sm font-semibold">Hash chain</h3>
        <dl className="flex flex-col gap-2 text-xs">
          <div className="flex flex-col gap-0.5">
            <dt className="text-muted-foreground">Previous hash</dt>
            <dd className="font-mono break-all">{event.prevHash}</dd>
          </div>
          <div className="flex flex-col gap-0.5">
            <dt className="text-muted-foreground">Hash</dt>
            <dd className="font-mono break-all">{event.hash}</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}

function Item({ term, mono, children }: { term: string; mono?: boolean; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <>
      <dt className="text-muted-foreground">{term}</dt>
      <dd className={empty ? 'text-muted-foreground/70' : mono ? 'font-mono text-xs leading-5 break-all' : 'break-words'}>{empty ? '—' : children}</dd>
    </>
  );
}

/** Per changed field: before → after. Events without field changes show their snapshots whole. */
function Changes({ event }: { event: AuditEventRow }) {
  const hasSnapshots = event.before !== null || event.after !== null;
  return (
    <div className="flex flex-col gap-3 border-t border-border pt-4">
      <h3 className="text-sm font-semibold">
        Changes{event.changedFields.length ? <span className="font-normal text-muted-foreground"> · {event.changedFields.join(', ')}</span> : null}
      </h3>
      {event.changedFields.length > 0 ? (
        <ul className="flex flex-col gap-3" data-testid="audit-diff">
          {event.changedFields.map((field) => (
            <li key={field} className="flex flex-col gap-1.5">
              <span className="font-mono text-xs font-medium">{field}</span>
              <Diff before={fieldOf(event.before, field)} after={fieldOf(event.after, field)} />
            </li>
          ))}
        </ul>
      ) : hasSnapshots ? (
        <Diff before={event.before ?? undefined} after={event.after ?? undefined} />
      ) : (
        <p className="text-sm text-muted-foreground">This event records no data change.</p>
      )}
    </div>
  );
}

function Diff({ before, after }: { before: unknown; after: unknown }) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] items-stretch gap-2">
      <Value label="Before" value={before} tone="before" />
      <ArrowRight aria-hidden className="size-4 self-center text-muted-foreground" />
      <Value label="After" value={after} tone="after" />
    </div>
  );
}

function Value({ label, value, tone }: { label: string; value: unknown; tone: 'before' | 'after' }) {
  return (
    <div className={`flex min-w-0 flex-col rounded-md border ${tone === 'before' ? 'border-destructive/25 bg-destructive/5' : 'border-success/25 bg-success/5'}`}>
      <span className="border-b border-inherit px-2 py-1 text-[11px] font-medium tracking-wide text-muted-foreground uppercase">{label}</span>
      <pre className="max-h-64 overflow-auto px-2 py-1.5 font-mono text-xs leading-5 whitespace-pre-wrap break-all">{prettyValue(value)}</pre>
    </div>
  );
}
