// The "Activity" section of a page: a heading and the feed behind its own Suspense boundary, so
// the rest of the page does not wait for it. Pages prefetch the first page of the feed.
import { Suspense } from 'react';
import { ActivityFeedSkeleton, GlobalActivityFeed, ModelActivityFeed } from './activity-feed';

export function ActivitySection({ modelId, title = 'Activity' }: { modelId?: string; title?: string }) {
  return (
    <section aria-labelledby="activity-title" className="flex flex-col gap-3" data-testid="activity-section">
      <h2 id="activity-title" className="text-lg font-semibold tracking-tight">
        {title}
      </h2>
      <Suspense fallback={<ActivityFeedSkeleton />}>{modelId ? <ModelActivityFeed modelId={modelId} /> : <GlobalActivityFeed />}</Suspense>
    </section>
  );
}
