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
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';
import { modelTitle } from '../_lib/model-title';

type Params = Promise<{ modelId: string }>;

/** The model's id, for queries keyed by it; the address may carry its name. Already cached by generateMetadata. */
async function resolveModelId(modelId: string): Promise<string | null> {
  try {
    return (await getQueryClient().fetchQuery(trpc.catalog.model.queryOptions({ modelId }))).model.id;
  } catch {
    return null; // The page's own widgets show why the model could not be loaded.
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: await modelTitle((await params).modelId) };
}

export default async function ModelPage({ params }: { params: Params }) {
  const { allowed, user } = await sectionAccess('/models');
  if (!allowed) return <NoAccess href="/models" />;
  const modelId = decodeURIComponent((await params).modelId);
  // Everyone may browse the catalog; release rules are for the people who take part in releases.
  const showsReleaseRules = can(user, 'release.read');

  prefetch(trpc.catalog.model.queryOptions({ modelId }));
  prefetch(trpc.me.get.queryOptions());
  void getQueryClient().prefetchInfiniteQuery(trpc.activity.modelFeed.infiniteQueryOptions({ modelId, limit: ACTIVITY_PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }));
  const id = await resolveModelId(modelId);
  if (showsReleaseRules) {
    prefetch(trpc.releases.policies.queryOptions());
    if (id) prefetch(trpc.releases.modelRules.queryOptions({ modelId: id }));
  }
  if (id) prefetch(trpc.comments.thread.queryOptions({ subjectType: 'model', subjectId: id }));
  if (id) prefetch(trpc.notifications.watchState.queryOptions({ modelId: id }));
  return (
    <HydrateClient>
      <Suspense fallback={<ModelHeaderSkeleton />}>
        <ModelHeader modelId={modelId} />
      </Suspense>
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-8">
          <Suspense fallback={<SkeletonRows rows={4} label="Loading versions…" />}>
            <VersionsTable modelId={modelId} />
          </Suspense>
          <Suspense fallback={<SkeletonRows rows={3} label="Loading alias history…" />}>
            <AliasHistory modelId={modelId} />
          </Suspense>
          <ActivitySection modelId={modelId} />
          {id ? <DiscussionSection subjectType="model" subjectId={id} /> : null}
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
