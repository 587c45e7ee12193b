import type { Metadata } from 'next';
import { Suspense } from 'react';
import { NotificationsInbox } from '@/components/notifications/notifications-inbox';
import { INBOX_PAGE } from '@/components/notifications/types';
import { requireUser } from '@/components/shell/session';
import { PageHeader } from '@/components/shell/page-header';
import { SkeletonRows } from '@/components/ui/skeleton';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Notifications' };

type SearchParams = Promise<{ tab?: string | string[] }>;

export default async function NotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  // Everyone signed in has an inbox, whatever their roles.
  await requireUser();
  const filter = (await searchParams).tab === 'all' ? 'all' : 'unread';
  prefetch(trpc.notifications.unreadCount.queryOptions());
  void getQueryClient().prefetchInfiniteQuery(trpc.notifications.list.infiniteQueryOptions({ filter, limit: INBOX_PAGE }, { getNextPageParam: (last) => last.nextCursor }));
  return (
    <HydrateClient>
      <PageHeader title="Notifications" description="Mentions, signatures waiting for you, decisions on your requests, alerts assigned to you, and news of the models you watch. Times are in UTC." />
      <Suspense fallback={<SkeletonRows rows={5} label="Loading notifications…" />}>
        <NotificationsInbox initialFilter={filter} />
      </Suspense>
    </HydrateClient>
  );
}
