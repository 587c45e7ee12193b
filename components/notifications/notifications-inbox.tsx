'use client';
// The inbox page: unread or all of my notifications, newest first, a page at a time. Live: the
// bus refreshes these queries when something arrives for me or I read something in another tab.
import { useSuspenseInfiniteQuery, useSuspenseQuery } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Tabs } from '@/components/ui/tabs';
import type { NotificationFilter } from '@/lib/validation/notifications';
import { MarkAllReadButton, NotificationRow } from './notification-row';
import { INBOX_PAGE } from './types';

export function NotificationsInbox({ initialFilter }: { initialFilter: NotificationFilter }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<NotificationFilter>(initialFilter);
  const { data } = useSuspenseQuery(trpc.notifications.unreadCount.queryOptions());
  function select(next: string) {
    if (next !== 'unread' && next !== 'all') return;
    setFilter(next);
    window.history.replaceState(null, '', `/notifications?tab=${next}`);
  }
  return (
    <div className="flex flex-col gap-3">
      <div className="flex justify-end">
        <MarkAllReadButton disabled={data.unread === 0} />
      </div>
      <Tabs
        label="Notifications"
        value={filter}
        onValueChange={select}
        tabs={[
          { id: 'unread', label: `Unread${data.unread ? ` (${data.unread})` : ''}`, panel: <Panel filter="unread" /> },
          { id: 'all', label: 'All', panel: <Panel filter="all" /> },
        ]}
      />
    </div>
  );
}

function Panel({ filter }: { filter: NotificationFilter }) {
  return (
    <Suspense fallback={<SkeletonRows rows={5} label="Loading notifications…" />}>
      <NotificationPages filter={filter} />
    </Suspense>
  );
}

function NotificationPages({ filter }: { filter: NotificationFilter }) {
  const trpc = useTRPC();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions({ filter, limit: INBOX_PAGE }, { getNextPageParam: (last) => last.nextCursor }),
  );
  const items = data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-border px-4 py-10 text-center text-sm text-muted-foreground">
        {filter === 'unread' ? 'You are all caught up.' : 'No notifications yet. Watch a model to hear about its new versions and alerts.'}
      </p>
    );
  }
  return (
    <Card className="p-1.5">
      <ul data-testid="notification-list" className="flex flex-col gap-0.5">
        {items.map((item) => (
          <NotificationRow key={item.id} item={item} />
        ))}
      </ul>
      {hasNextPage ? (
        <div className="flex justify-center border-t border-border pt-2 pb-1">
          <Button variant="ghost" size="sm" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? 'Loading…' : 'Show older'}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
