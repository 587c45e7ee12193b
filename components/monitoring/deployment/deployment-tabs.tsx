'use client';
// A deployment's sections as tabs, the chosen one kept in the URL (?tab=) without a server round
// trip. The time range above them applies to the charts, the drift report and the alert markers.
import { useSuspenseQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { SkeletonRows } from '@/components/ui/skeleton';
import { Tabs } from '@/components/ui/tabs';
import { DeploymentAlerts } from '../alerts/deployment-alerts';
import { DriftTab, DriftTabSkeleton } from '../drift/drift-tab';
import { KeysPanel } from '../keys/keys-panel';
import { RulesPanel } from '../rules/rules-panel';
import { deploymentAlertsInput } from '../types';
import { TimeRangePicker } from '../window/time-range-picker';
import { OverviewTab, OverviewTabSkeleton } from './overview-tab';
import { isDeploymentTab, type DeploymentTab } from './tabs';


function AlertsLabel({ deploymentId }: { deploymentId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.monitoring.alerts.queryOptions(deploymentAlertsInput(deploymentId)));
  const n = data.filter((a) => a.state !== 'resolved').length;
  return (
    <>
      Alerts
      {n > 0 ? (
        <span data-testid="unresolved-count" className="ml-1.5 rounded-full bg-destructive px-1.5 py-0.5 text-[11px] leading-none font-semibold text-destructive-foreground tabular-nums">
          {n}
          <span className="sr-only"> unresolved</span>
        </span>
      ) : null}
    </>
  );
}

export function DeploymentTabs({ deploymentId, canManage }: { deploymentId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const { data: d } = useSuspenseQuery(trpc.monitoring.deployment.queryOptions({ deploymentId }));
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const raw = searchParams.get('tab');
  const tab: DeploymentTab = isDeploymentTab(raw) ? raw : 'overview';

  function select(next: string) {
    const params = new URLSearchParams(searchParams);
    if (next === 'overview') params.delete('tab');
    else params.set('tab', next);
    const query = params.toString();
    window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
  }

  const serving = d.serving ? { modelId: d.modelId, version: d.serving.version, taskType: d.taskType } : null;
  const rows = (label: string) => <SkeletonRows rows={5} label={label} />;
  return (
    <div className="flex flex-col gap-5">
      {tab === 'overview' || tab === 'drift' ? <TimeRangePicker /> : null}
      <Tabs
        label="Deployment"
        value={tab}
        onValueChange={select}
        tabs={[
          { id: 'overview', label: 'Overview', panel: <Suspense fallback={<OverviewTabSkeleton />}>{<OverviewTab deploymentId={deploymentId} />}</Suspense> },
          { id: 'drift', label: 'Drift', panel: <Suspense fallback={<DriftTabSkeleton />}>{<DriftTab deploymentId={deploymentId} />}</Suspense> },
          {
            id: 'alerts',
            label: (
              <Suspense fallback="Alerts">
                <AlertsLabel deploymentId={deploymentId} />
              </Suspense>
            ),
            panel: <Suspense fallback={rows('Loading alerts…')}>{<DeploymentAlerts deploymentId={deploymentId} />}</Suspense>,
          },
          { id: 'rules', label: 'Alert rules', panel: <Suspense fallback={rows('Loading alert rules…')}>{<RulesPanel deploymentId={deploymentId} taskType={d.taskType} canManage={canManage} />}</Suspense> },
          { id: 'keys', label: 'Ingestion keys', panel: <Suspense fallback={rows('Loading ingestion keys…')}>{<KeysPanel deploymentId={deploymentId} canManage={canManage} serving={serving} />}</Suspense> },
        ]}
      />
    </div>
  );
}
