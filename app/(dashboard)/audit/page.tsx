import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditList } from '@/components/audit/audit-list';
import { ExportLinks } from '@/components/audit/export-links';
import { VerifyPanel, VerifyPanelSkeleton } from '@/components/audit/verify-panel';
import { NoAccess } from '@/components/shell/no-access';
import { PageHeader } from '@/components/shell/page-header';
import { sectionAccess } from '@/components/shell/session';
import { SkeletonRows } from '@/components/ui/skeleton';
import { AUDIT_PAGE_SIZE, parseAuditFilters } from '@/lib/audit-filters';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Audit trail' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const { allowed } = await sectionAccess('/audit');
  if (!allowed) return <NoAccess href="/audit" />;

  // Parsed exactly as the client list parses the URL, so the prefetched key is the one it reads.
  const filters = parseAuditFilters(await searchParams);
  prefetch(trpc.audit.verify.queryOptions());
  void getQueryClient().prefetchInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ ...filters, limit: AUDIT_PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }),
  );

  return (
    <HydrateClient>
      <PageHeader
        title="Audit trail"
        description="Every change in Modelgate, who made it and why, in an append-only, hash-chained log. Times are in UTC."
        actions={<ExportLinks />}
      />
      <div className="flex flex-col gap-4">
        <Suspense fallback={<VerifyPanelSkeleton />}>
          <VerifyPanel />
        </Suspense>
        <AuditFilters />
        <Suspense fallback={<SkeletonRows rows={8} label="Loading audit events…" />}>
          <AuditList />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
