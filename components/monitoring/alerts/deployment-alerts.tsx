'use client';
// The Alerts tab of a deployment: its alerts in every state, filtered on the page (one query,
// shared with the charts' markers), newest first; live as the worker opens and ops work them.
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { SegmentButton, SegmentedGroup } from '@/components/ui/segmented';
import { deploymentAlertsInput, type AlertRow } from '../types';
import { AlertsTable } from './alerts-table';

const FILTERS = [
  { id: 'unresolved', label: 'Unresolved', test: (a: AlertRow) => a.state !== 'resolved' },
  { id: 'resolved', label: 'Resolved', test: (a: AlertRow) => a.state === 'resolved' },
  { id: 'all', label: 'All', test: () => true },
] as const;

export function DeploymentAlerts({ deploymentId }: { deploymentId: string }) {
  const trpc = useTRPC();
  const { data: alerts } = useSuspenseQuery(trpc.monitoring.alerts.queryOptions(deploymentAlertsInput(deploymentId)));
  const [filter, setFilter] = useState<(typeof FILTERS)[number]['id']>('unresolved');
  const active = FILTERS.find((f) => f.id === filter) ?? FILTERS[0];
  const shown = alerts.filter(active.test);
  return (
    <div className="flex flex-col gap-4">
      <SegmentedGroup aria-label="Alert state" className="self-start">
        {FILTERS.map((f) => (
          <SegmentButton key={f.id} pressed={filter === f.id} onClick={() => setFilter(f.id)}>
            {f.label} ({alerts.filter(f.test).length})
          </SegmentButton>
        ))}
      </SegmentedGroup>
      <AlertsTable alerts={shown} caption={`${active.label} alerts of this deployment`} empty={filter === 'resolved' ? 'No alert was resolved yet.' : 'No alerts. The worker checks the rules every 30 seconds.'} />
    </div>
  );
}
