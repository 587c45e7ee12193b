import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Overview, OverviewSkeleton } from '@/components/shell/overview';
import { HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  prefetch(trpc.me.get.queryOptions());
  return (
    <HydrateClient>
      <Suspense fallback={<OverviewSkeleton />}>
        <Overview />
      </Suspense>
    </HydrateClient>
  );
}
