'use client';
// The Alerts tab of a deployment: its alerts in every state, filtered on the page (one query,
// shared with the charts' markers), newest first; live as the worker opens and ops work them.
import { useSuspenseQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
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
      <div role="group" aria-label="Alert state" className="inline-flex self-start rounded-md border border-border bg-card p-0.5 shadow-xs">
        {FILTERS.map((f) => (
          <button
            key={f.id}
            type="button"
            aria-pressed={filter === f.id}
            onClick={() => setFilter(f.id)}
            className={clsx('rounded px-2.5 py-1 text-xs font-medium', filter === f.id ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:bg-muted hover:text-foreground')}
          >
            {f.label} ({alerts.filter(f.test).length})
          </button>
        ))}
      </div>
      <AlertsTable alerts={shown} caption={`${active.label} alerts of this deployment`} empty={filter === 'resolved' ? 'No alert was resolved yet.' : 'No alerts. The worker checks the rules every 30 seconds.'} />
    </div>
  );
}
