import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ActivitySection } from '@/components/collaboration/activity/activity-section';
import { Overview, OverviewSkeleton } from '@/components/shell/overview';
import { ACTIVITY_PAGE_SIZE } from '@/lib/validation/activity';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  prefetch(trpc.me.get.queryOptions());
  void getQueryClient().prefetchInfiniteQuery(trpc.activity.globalFeed.infiniteQueryOptions({ limit: ACTIVITY_PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }));
  return (
    <HydrateClient>
      <Suspense fallback={<OverviewSkeleton />}>
        <Overview />
      </Suspense>
      <div className="mt-10">
        <ActivitySection title="Recent activity" />
      </div>
    </HydrateClient>
  );
}
