import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { AlertActions } from '@/components/monitoring/alerts/alert-actions';
import { AlertDetails } from '@/components/monitoring/alerts/alert-details';
import { AlertHeader, AlertHeaderSkeleton } from '@/components/monitoring/alerts/alert-header';
import { AlertTimeline } from '@/components/monitoring/alerts/alert-timeline';
import { DiscussionSection } from '@/components/collaboration/comments/discussion-section';
import { PresenceBar } from '@/components/collaboration/presence/presence-bar';
import { NoAccess } from '@/components/shell/no-access';
import { sectionAccess } from '@/components/shell/session';
import { Skeleton, SkeletonRows } from '@/components/ui/skeleton';
import { presencePage } from '@/lib/validation/presence';
import { can } from '@/lib/permissions';
import { fetchOrNotFound, HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

type Params = Promise<{ alertId: string }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const load = (alertId: string) => fetchOrNotFound(trpc.monitoring.alert.queryOptions({ alertId }));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { alertId } = await params;
  const alert = UUID.test(alertId) ? await load(alertId).catch(() => null) : null;
  return { title: alert ? `${alert.reference} · ${alert.deployment.modelName} · Monitoring` : 'Alert' };
}

export default async function AlertPage({ params }: { params: Params }) {
  const { allowed, user } = await sectionAccess('/monitoring');
  if (!allowed) return <NoAccess href="/monitoring" />;
  const { alertId } = await params;
  if (!UUID.test(alertId)) notFound();
  if (!(await load(alertId))) notFound();
  const canManage = can(user, 'alert.work');
  // Only those who may list people get a picker; ops assign to themselves.
  const canPickPeople = canManage && can(user, 'user.read');
  prefetch(trpc.comments.thread.queryOptions({ subjectType: 'alert', subjectId: alertId }));

  return (
    <HydrateClient>
      <Suspense fallback={<AlertHeaderSkeleton />}>
        <AlertHeader alertId={alertId} />
      </Suspense>
      <div className="mb-6">
        <PresenceBar page={presencePage('alert', alertId)} />
      </div>
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex min-w-0 flex-col gap-10">
          <Suspense fallback={<Skeleton className="h-72 w-full rounded-xl" />}>
            <AlertDetails alertId={alertId} />
          </Suspense>
          <Suspense fallback={<SkeletonRows rows={4} label="Loading the timeline…" />}>
            <AlertTimeline alertId={alertId} canComment={canManage} />
          </Suspense>
          <DiscussionSection subjectType="alert" subjectId={alertId} />
        </div>
        <Suspense fallback={<Skeleton className="h-48 w-full rounded-xl" />}>
          <AlertActions alertId={alertId} me={{ id: user.id }} canManage={canManage} canPickPeople={canPickPeople} />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
