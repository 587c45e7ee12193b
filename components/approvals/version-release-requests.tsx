'use client';
// The version page's Approvals tab: release requests for this version, open and past, each linking
// to its request page. It reads releases.list, which the live bus refreshes.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatDateTime } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Skeleton } from '@/components/ui/skeleton';
import { ReleaseStateBadge } from './badges';

export function VersionReleaseRequests({ modelId, version }: { modelId: string; version: number }) {
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(trpc.releases.list.queryOptions({ view: 'all', modelId, limit: 200 }));
  if (isPending) return <Skeleton className="h-24 w-full" />;
  if (error) return <p className="text-sm text-muted-foreground">Release requests are visible to data scientists, approvers, risk reviewers, ops, admins and auditors.</p>;
  const rows = data.filter((r) => r.version === version);
  if (rows.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-border p-6 text-center text-sm text-muted-foreground" data-testid="version-requests-empty">
        No release has been requested for v{version}.
      </p>
    );
  }
  return (
    <ul className="flex flex-col divide-y divide-border rounded-xl border border-border bg-card" data-testid="version-release-requests">
      {rows.map((r) => (
        <li key={r.id} data-testid="version-release-request" data-reference={r.reference} data-state={r.state} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
          <Link href={`/approvals/${r.id}`} className="font-mono font-semibold text-primary hover:underline">
            {r.reference}
          </Link>
          <span>→ {r.alias}</span>
          <ReleaseStateBadge state={r.state} />
          <span className="line-clamp-1 min-w-0 flex-1 text-muted-foreground">{r.changeSummary}</span>
          <span className="text-xs text-muted-foreground tabular-nums">
            {r.requestedByName} · {formatDateTime(r.submittedAt ?? r.createdAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}
