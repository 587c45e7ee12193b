import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { RequestActions } from '@/components/approvals/actions/request-actions';
import { ComparisonSection, ComparisonSkeleton } from '@/components/approvals/request/comparison-section';
import { EvaluationsSection, EvaluationsSkeleton } from '@/components/approvals/request/evaluations-section';
import { GatesList } from '@/components/approvals/request/gates-list';
import { QuorumPanel } from '@/components/approvals/request/quorum-panel';
import { compareInput } from '@/components/approvals/request/replaced-version';
import { RequestHeader, RequestHeaderSkeleton } from '@/components/approvals/request/request-header';
import { RequestTexts } from '@/components/approvals/request/request-texts';
import { Timeline } from '@/components/approvals/request/timeline';
import { DiscussionSection } from '@/components/collaboration/comments/discussion-section';
import { PresenceBar } from '@/components/collaboration/presence/presence-bar';
import { NoAccess } from '@/components/shell/no-access';
import { sectionAccess } from '@/components/shell/session';
import { Skeleton, SkeletonRows } from '@/components/ui/skeleton';
import { presencePage } from '@/lib/validation/presence';
import { fetchOrNotFound, HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

type Params = Promise<{ requestId: string }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const load = (requestId: string) => fetchOrNotFound(trpc.releases.get.queryOptions({ requestId }));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { requestId } = await params;
  const detail = UUID.test(requestId) ? await load(requestId).catch(() => null) : null;
  return { title: detail ? `${detail.request.reference} · ${detail.model.name} v${detail.version.version} → ${detail.request.alias}` : 'Release request' };
}

export default async function ReleaseRequestPage({ params }: { params: Params }) {
  const { allowed } = await sectionAccess('/approvals');
  if (!allowed) return <NoAccess href="/approvals" />;
  const { requestId } = await params;
  if (!UUID.test(requestId)) notFound();
  // The comparison and evaluations depend on the request (which version it replaces), so the
  // request is read first; the rest is prefetched and streams in behind its skeletons.
  const detail = await load(requestId);
  if (!detail) notFound();
  const compare = compareInput(detail);
  if (compare) prefetch(trpc.catalog.compare.queryOptions(compare));
  prefetch(trpc.evaluations.list.queryOptions({ modelId: detail.model.id, version: detail.version.version }));
  prefetch(trpc.comments.thread.queryOptions({ subjectType: 'release', subjectId: requestId }));

  return (
    <HydrateClient>
      <Suspense fallback={<RequestHeaderSkeleton />}>
        <RequestHeader requestId={requestId} />
      </Suspense>
      <div className="mb-6">
        <PresenceBar page={presencePage('release', requestId)} />
      </div>
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex min-w-0 flex-col gap-10">
          <Suspense fallback={<Skeleton className="h-32 w-full rounded-xl" />}>
            <RequestTexts requestId={requestId} />
          </Suspense>
          <Suspense fallback={<ComparisonSkeleton />}>
            <ComparisonSection requestId={requestId} />
          </Suspense>
          <Suspense fallback={<EvaluationsSkeleton />}>
            <EvaluationsSection requestId={requestId} />
          </Suspense>
          <Suspense fallback={<SkeletonRows rows={4} label="Loading the timeline…" />}>
            <Timeline requestId={requestId} />
          </Suspense>
          <DiscussionSection subjectType="release" subjectId={requestId} />
        </div>
        <div className="flex flex-col gap-6">
          <Suspense fallback={<Skeleton className="h-40 w-full rounded-xl" />}>
            <RequestActions requestId={requestId} />
          </Suspense>
          <Suspense fallback={<Skeleton className="h-48 w-full rounded-xl" />}>
            <GatesList requestId={requestId} />
          </Suspense>
          <Suspense fallback={<Skeleton className="h-48 w-full rounded-xl" />}>
            <QuorumPanel requestId={requestId} />
          </Suspense>
        </div>
      </div>
    </HydrateClient>
  );
}
