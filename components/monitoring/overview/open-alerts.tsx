'use client';
// Unresolved alerts across every deployment, newest first; each opens its alert page.
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { AlertsTable } from '../alerts/alerts-table';
import { UNRESOLVED_ALERTS } from '../types';

export function OpenAlerts() {
  const trpc = useTRPC();
  const { data: alerts } = useSuspenseQuery(trpc.monitoring.alerts.queryOptions(UNRESOLVED_ALERTS));
  return (
    <section aria-labelledby="open-alerts-title" className="flex flex-col gap-3" data-testid="open-alerts">
      <h2 id="open-alerts-title" className="text-xl font-semibold tracking-tight">
        Open alerts
      </h2>
      <AlertsTable alerts={alerts} caption="Unresolved alerts across deployments" showDeployment empty="No open alerts. The worker checks every deployment’s rules every 30 seconds." />
    </section>
  );
}
