'use client';
// Activity feeds: a model's (on its page) and the global one (on the home page), newest first, a
// page at a time. Entries come from the audit trail; an 'activity' event on the live bus, sent only
// to those who may see the new entry, refreshes them.
import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { ACTIVITY_PAGE_SIZE } from '@/lib/validation/activity';
import { ActivityEntry } from './activity-entry';
import type { ActivityItem } from './types';

type ListProps = {
  items: ActivityItem[];
  empty: string;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

function ActivityList({ items, empty, hasNextPage, isFetchingNextPage, fetchNextPage }: ListProps) {
  if (items.length === 0) {
    return (
      <p data-testid="activity-feed" data-empty className="rounded-lg border border-dashed border-border px-4 py-8 text-center text-sm text-muted-foreground">
        {empty}
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <ol data-testid="activity-feed" aria-label="Activity, newest first" className="divide-y divide-border rounded-lg border border-border bg-card px-4">
        {items.map((entry) => (
          <ActivityEntry key={entry.seq} entry={entry} />
        ))}
      </ol>
      {hasNextPage ? (
        <Button variant="outline" size="sm" className="self-start" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading…' : 'Show older activity'}
        </Button>
      ) : null}
    </div>
  );
}

// Pages prefetch the first page with the same input ({ modelId?, limit: ACTIVITY_PAGE_SIZE }), so the key matches.
const activityPage = { getNextPageParam: (page: { nextCursor: number | null }) => page.nextCursor };

export function ModelActivityFeed({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const { data, ...query } = useSuspenseInfiniteQuery(trpc.activity.modelFeed.infiniteQueryOptions({ modelId, limit: ACTIVITY_PAGE_SIZE }, activityPage));
  return <ActivityList items={data.pages.flatMap((p) => p.items)} empty="Nothing has happened to this model yet." {...query} />;
}

export function GlobalActivityFeed() {
  const trpc = useTRPC();
  const { data, ...query } = useSuspenseInfiniteQuery(trpc.activity.globalFeed.infiniteQueryOptions({ limit: ACTIVITY_PAGE_SIZE }, activityPage));
  return <ActivityList items={data.pages.flatMap((p) => p.items)} empty="No activity yet. Registered models, releases and alerts will show here." {...query} />;
}

export function ActivityFeedSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div role="status" className="flex flex-col divide-y divide-border rounded-lg border border-border px-4">
      <span className="sr-only">Loading activity…</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex gap-3 py-3">
          <Skeleton className="size-8 rounded-full" />
          <div className="flex flex-1 flex-col gap-1.5">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-3 w-40" />
          </div>
        </div>
      ))}
    </div>
  );
}
