'use client';
// One inbox list: release requests with their state, model, risk tier and expiry; each row opens
// the request. It reads releases.list, which the live bus invalidates, so it is always current.
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { RiskTierBadge } from '@/components/catalog/badges';
import { formatDateTime } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useNow } from '@/components/ui/use-now';
import { ExpiryText, KindBadge, ReleaseStateBadge } from '../badges';
import type { InboxView, ReleaseRow } from '../types';

const EMPTY: Record<InboxView, string> = {
  awaiting_me: 'Nothing waits for your signature.',
  mine: 'You have not asked for a release yet. Open a model version and use “Request release”.',
  open: 'No release request is open.',
  decided: 'No release request has been decided yet.',
};

/** The date that matters for the row: when it was decided, else submitted, else drafted. */
function lastDate(r: ReleaseRow) {
  if (r.decidedAt) return { label: 'Decided', at: r.decidedAt };
  if (r.submittedAt) return { label: 'Submitted', at: r.submittedAt };
  return { label: 'Drafted', at: r.createdAt };
}

export function RequestTable({ view, caption }: { view: InboxView; caption: string }) {
  const trpc = useTRPC();
  const { data: rows } = useSuspenseQuery(trpc.releases.list.queryOptions({ view }));
  const now = useNow(60_000);
  if (rows.length === 0) {
    return <p className="rounded-xl border border-dashed border-border p-8 text-center text-sm text-muted-foreground" data-testid="inbox-empty">{EMPTY[view]}</p>;
  }
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Request</TableHead>
          <TableHead>Release</TableHead>
          <TableHead>Risk</TableHead>
          <TableHead>State</TableHead>
          <TableHead>Requested by</TableHead>
          <TableHead>Date (UTC)</TableHead>
          <TableHead>Expires</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => {
          const date = lastDate(r);
          return (
            <TableRow key={r.id} data-testid="release-row" data-reference={r.reference} data-state={r.state} className="hover:bg-muted/30">
              <TableCell className="whitespace-nowrap">
                <Link href={`/approvals/${r.id}`} className="font-mono text-sm font-semibold text-primary hover:underline">
                  {r.reference}
                </Link>
                <span className="ml-1.5">
                  <KindBadge kind={r.kind} />
                </span>
              </TableCell>
              <TableCell className="min-w-56">
                <span className="block font-medium break-words">
                  {r.modelName} v{r.version} → {r.alias}
                </span>
                <span className="line-clamp-1 text-xs text-muted-foreground">{r.changeSummary}</span>
              </TableCell>
              <TableCell>
                <RiskTierBadge tier={r.riskTier} />
              </TableCell>
              <TableCell>
                <span className="flex flex-col items-start gap-1">
                  <ReleaseStateBadge state={r.state} />
                  {r.state === 'pending' ? <span className="text-xs text-muted-foreground">{r.approvals} approval{r.approvals === 1 ? '' : 's'} so far</span> : null}
                </span>
              </TableCell>
              <TableCell className="max-w-40">
                {/* A long name is shortened here, in full on hover and on the request's page. */}
                <span className="block truncate" title={r.requestedByName}>
                  {r.requestedByName}
                </span>
              </TableCell>
              <TableCell className="whitespace-nowrap text-xs tabular-nums">
                <span className="block text-muted-foreground">{date.label}</span>
                {formatDateTime(date.at)}
              </TableCell>
              <TableCell className="whitespace-nowrap text-xs">
                <ExpiryText expiresAt={r.expiresAt} state={r.state} now={now} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
