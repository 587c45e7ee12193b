import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CreateDeploymentDialog } from '@/components/monitoring/overview/create-deployment-dialog';
import { DeploymentsTable } from '@/components/monitoring/overview/deployments-table';
import { OpenAlerts } from '@/components/monitoring/overview/open-alerts';
import { UNRESOLVED_ALERTS } from '@/components/monitoring/types';
import { lastHourInput, minuteEnd } from '@/components/monitoring/window/window-params';
import { NoAccess } from '@/components/shell/no-access';
import { PageHeader } from '@/components/shell/page-header';
import { sectionAccess } from '@/components/shell/session';
import { SkeletonRows } from '@/components/ui/skeleton';
import { can } from '@/lib/permissions';
import { getQueryClient, HydrateClient, prefetch, trpc } from '@/server/trpc/rsc';

export const metadata: Metadata = { title: 'Monitoring' };

export default async function MonitoringPage() {
  const { allowed, user } = await sectionAccess('/monitoring');
  if (!allowed) return <NoAccess href="/monitoring" />;
  const canManage = can(user, 'deployment.manage');
  // Each row's last-hour figures are prefetched with the anchor the table is given, so the keys match.
  const anchor = minuteEnd(Date.now());
  const deployments = await getQueryClient().fetchQuery(trpc.monitoring.deployments.queryOptions());
  for (const d of deployments) prefetch(trpc.monitoring.stats.queryOptions(lastHourInput(d.id, anchor)));
  prefetch(trpc.monitoring.alerts.queryOptions(UNRESOLVED_ALERTS));
  return (
    <HydrateClient>
      <PageHeader
        title="Monitoring"
        description="Every deployed model with its health and the last hour of traffic, and the alerts waiting for ops. Figures update live as events arrive; times are in UTC."
        actions={canManage ? <CreateDeploymentDialog /> : null}
      />
      <div className="flex flex-col gap-10">
        <Suspense fallback={<SkeletonRows rows={3} label="Loading deployments…" />}>
          <DeploymentsTable anchor={anchor} />
        </Suspense>
        <Suspense fallback={<SkeletonRows rows={3} label="Loading alerts…" />}>
          <OpenAlerts />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
