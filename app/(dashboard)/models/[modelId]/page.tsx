import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ModelReleaseRules, ModelReleaseRulesSkeleton } from '@/components/approvals/policies/model-release-rules';
import { AliasHistory } from '@/components/catalog/model/alias-history';
import { AliasesPanel } from '@/components/catalog/model/aliases-panel';
import { ModelHeader, ModelHeaderSkeleton } from '@/components/catalog/model/model-header';
import { VersionsTable } from '@/components/catalog/model/versions-table';
import { DiscussionSection } from '@/components/collaboration/comments/discussion-section';
import { ActivitySection } from '@/components/collaboration/activity/activity-section';
import { NoAccess } from '@/components/shell/no-access';
import { sectionAccess } from '@/components/shell/session';
import { Skeleton, SkeletonRows } from '@/components/ui/skeleton';
import { ACTIVITY_PAGE_SIZE } from '@/lib/validation/activity';
import { can } from '@/lib/permissions';
import { fetchOrNotFound, getQueryClient, HydrateClient, pageParam, prefetch, trpc } from '@/server/trpc/rsc';
import { modelTitle } from '../_lib/model-title';

type Params = Promise<{ modelId: string }>;


export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await modelTitle((await params).modelId) };
}

export default async function ModelPage({ params }: { params: Params }) {
  const { allowed, user } = await sectionAccess('/models');
  if (!allowed) return <NoAccess href="/models" />;
  const modelId = pageParam((await params).modelId);
  // The model's id, for queries keyed by it (the address may carry its name); a missing model is a 404.
  const { id } = (await fetchOrNotFound(trpc.catalog.model.queryOptions({ modelId }))).model;
  // Everyone may browse the catalog; release rules are for the people who take part in releases.
  const showsReleaseRules = can(user, 'release.read');

  prefetch(trpc.me.get.queryOptions());
  void getQueryClient().prefetchInfiniteQuery(trpc.activity.modelFeed.infiniteQueryOptions({ modelId, limit: ACTIVITY_PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }));
  if (showsReleaseRules) {
    prefetch(trpc.releases.policies.queryOptions());
    prefetch(trpc.releases.modelRules.queryOptions({ modelId: id }));
  }
  prefetch(trpc.comments.thread.queryOptions({ subjectType: 'model', subjectId: id }));
  await prefetch(trpc.notifications.watchState.queryOptions({ modelId: id })); // read with useQuery by the watch toggle
  return (
    <HydrateClient>
      <Suspense fallback={<ModelHeaderSkeleton />}>
        <ModelHeader modelId={modelId} />
      </Suspense>
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_18rem] 2xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-8">
          <Suspense fallback={<SkeletonRows rows={4} label="Loading versions…" />}>
            <VersionsTable modelId={modelId} />
          </Suspense>
          <Suspense fallback={<SkeletonRows rows={3} label="Loading alias history…" />}>
            <AliasHistory modelId={modelId} />
          </Suspense>
          <ActivitySection modelId={modelId} />
          <DiscussionSection subjectType="model" subjectId={id} />
        </div>
        <div className="flex min-w-0 flex-col gap-6">
          <Suspense fallback={<Skeleton className="h-64 w-full rounded-xl" />}>
            <AliasesPanel modelId={modelId} />
          </Suspense>
          {showsReleaseRules ? (
            <Suspense fallback={<ModelReleaseRulesSkeleton />}>
              <ModelReleaseRules modelId={modelId} />
            </Suspense>
          ) : null}
        </div>
      </div>
    </HydrateClient>
  );
}
