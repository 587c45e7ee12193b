'use client';
// The audit trail, newest first, one page at a time. The list reads its filters from the URL,
// like the server prefetch, and the live bus refreshes it when new events are written.
import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { useSearchParams } from 'next/navigation';
import { useRef, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { AUDIT_PAGE_SIZE, hasAuditFilters, parseAuditFilters } from '@/lib/audit-filters';
import { AuditEventDetail } from './audit-event-detail';
import { actorTypeLabel, formatUtc, roleLabel } from './format';

export function AuditList() {
  const trpc = useTRPC();
  const filters = parseAuditFilters(useSearchParams());
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ ...filters, limit: AUDIT_PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const events = data.pages.flatMap((page) => page.items);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const selected = events.find((e) => e.seq === selectedSeq) ?? null;
  const detailRef = useRef<HTMLDivElement>(null);

  function select(seq: number) {
    setSelectedSeq(seq);
    // Stacked layout (below 2xl): bring the details, which sit above the table, into view.
    if (!window.matchMedia('(min-width: 96rem)').matches) {
      requestAnimationFrame(() => detailRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
    }
  }

  return (
    <div className="grid gap-4 2xl:grid-cols-[minmax(0,1fr)_28rem] 2xl:items-start">
      <div ref={detailRef} className="scroll-mt-20 2xl:sticky 2xl:top-20 2xl:order-last">
        {selected ? <AuditEventDetail event={selected} onClose={() => setSelectedSeq(null)} /> : null}
      </div>
      <div className="flex min-w-0 flex-col gap-3">
        <Table>
          <TableCaption>Audit events, newest first. Select an event to see its details.</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead className="w-20">#</TableHead>
              <TableHead>Time (UTC)</TableHead>
              <TableHead>Actor</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Entity</TableHead>
              <TableHead>Reason</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {events.length === 0 ? (
              <TableRow>
                <TableCell colSpan={6} className="py-12 text-center text-sm text-muted-foreground">
                  {hasAuditFilters(filters) ? 'No events match these filters.' : 'No events have been recorded yet.'}
                </TableCell>
              </TableRow>
            ) : (
              events.map((event) => {
                const isSelected = event.seq === selectedSeq;
                return (
                  <TableRow
                    key={event.seq}
                    data-testid="audit-row"
                    data-action={event.action}
                    data-seq={event.seq}
                    data-selected={isSelected || undefined}
                    onClick={() => select(event.seq)}
                    className={clsx('cursor-pointer', isSelected ? 'bg-accent/60' : 'hover:bg-muted/40')}
                  >
                    <TableCell>
                      <button
                        type="button"
                        aria-pressed={isSelected}
                        onClick={(e) => {
                          e.stopPropagation();
                          select(event.seq);
                        }}
                        className="rounded font-mono text-xs font-medium text-primary hover:underline"
                      >
                        #{event.seq}
                        <span className="sr-only">, show details</span>
                      </button>
                    </TableCell>
                    <TableCell className="font-mono text-xs whitespace-nowrap text-muted-foreground">
                      <time dateTime={event.occurredAt.toISOString()}>{formatUtc(event.occurredAt).replace(' UTC', '')}</time>
                    </TableCell>
                    <TableCell className="max-w-40">
                      <div className="truncate font-medium" title={event.actorName}>
                        {event.actorName}
                      </div>
                      <div className="truncate text-xs text-muted-foreground">
                        {event.actorType === 'user' ? event.actorRoles.map(roleLabel).join(', ') || 'No roles' : actorTypeLabel(event.actorType)}
                      </div>
                    </TableCell>
                    <TableCell>
                      <Badge variant="neutral" className="font-mono">
                        {event.action}
                      </Badge>
                    </TableCell>
                    <TableCell className="max-w-40">
                      <div className="text-xs text-muted-foreground">{event.entityType}</div>
                      <div className="truncate font-mono text-xs" title={event.entityId}>
                        {event.entityId}
                      </div>
                    </TableCell>
                    <TableCell className="max-w-48 truncate text-muted-foreground" title={event.reason ?? undefined}>
                      {event.reason ?? '—'}
                    </TableCell>
                  </TableRow>
                );
              })
            )}
          </TableBody>
        </Table>
        <div className="flex items-center justify-between gap-3 text-xs text-muted-foreground">
          <span role="status">
            {events.length > 0 ? `Showing ${events.length} event${events.length === 1 ? '' : 's'}${hasNextPage ? '' : ', the whole matching trail'}.` : ''}
          </span>
          {hasNextPage ? (
            <Button variant="outline" size="sm" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
              {isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
