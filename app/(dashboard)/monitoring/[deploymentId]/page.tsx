import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { DeploymentHeader, DeploymentHeaderSkeleton } from '@/components/monitoring/deployment/deployment-header';
import { DeploymentTabs } from '@/components/monitoring/deployment/deployment-tabs';
import { isDeploymentTab } from '@/components/monitoring/deployment/tabs';
import { deploymentAlertsInput } from '@/components/monitoring/types';
import { MonitoringWindowProvider } from '@/components/monitoring/window/window-context';
import { driftInput, fittingRange, minuteEnd, parseResolution, parseWindowSpec, resolveWindow, statsInput } from '@/components/monitoring/window/window-params';
import { NoAccess } from '@/components/shell/no-access';
import { sectionAccess } from '@/components/shell/session';
import { SkeletonRows } from '@/components/ui/skeleton';
import { can } from '@/lib/permissions';
import { fetchOrNotFound, HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

type Params = Promise<{ deploymentId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const load = (deploymentId: string) => fetchOrNotFound(trpc.monitoring.deployment.queryOptions({ deploymentId }));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { deploymentId } = await params;
  const d = UUID.test(deploymentId) ? await load(deploymentId).catch(() => null) : null;
  return { title: d ? `${d.modelName} · ${d.environment} · Monitoring` : 'Deployment' };
}

export default async function DeploymentPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { allowed, user } = await sectionAccess('/monitoring');
  if (!allowed) return <NoAccess href="/monitoring" />;
  const { deploymentId } = await params;
  if (!UUID.test(deploymentId)) notFound();
  const deployment = await load(deploymentId);
  if (!deployment) notFound();

  // The client resolves the window from the same URL and anchor, so these keys are the ones it reads.
  const query = await searchParams;
  const anchor = minuteEnd(Date.now());
  const defaultRange = fittingRange(deployment.firstEventAt, anchor);
  const window = resolveWindow(parseWindowSpec(query, defaultRange), anchor);
  const tab = isDeploymentTab(query.tab) ? query.tab : 'overview';
  prefetch(trpc.monitoring.alerts.queryOptions(deploymentAlertsInput(deploymentId)));
  if (tab === 'overview') prefetch(trpc.monitoring.stats.queryOptions(statsInput(deploymentId, window, parseResolution(query))));
  if (tab === 'drift' && window.to.getTime() - window.from.getTime() <= 31 * 86_400_000) prefetch(trpc.monitoring.drift.queryOptions(driftInput(deploymentId, window)));
  if (tab === 'rules') prefetch(trpc.monitoring.rules.queryOptions({ deploymentId }));
  if (tab === 'keys') prefetch(trpc.monitoring.keys.queryOptions({ deploymentId }));

  return (
    <HydrateClient>
      <Suspense fallback={<DeploymentHeaderSkeleton />}>
        <DeploymentHeader deploymentId={deploymentId} />
      </Suspense>
      <MonitoringWindowProvider anchor={anchor} defaultRange={defaultRange}>
        <Suspense fallback={<SkeletonRows rows={6} label="Loading deployment…" />}>
          <DeploymentTabs deploymentId={deploymentId} canManage={can(user, 'deployment.manage')} />
        </Suspense>
      </MonitoringWindowProvider>
    </HydrateClient>
  );
}
