'use client';
// Every deployment at a glance: model, environment, the version serving it, health (the worst
// unresolved alert, or no traffic in the last hour), open alerts, last hour's events, rate and
// latency p95. Live: ingestion and alert changes refresh it, and the hour slides every minute.
import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Suspense, useDeferredValue } from 'react';
import { AliasBadge } from '@/components/catalog/badges';
import { versionHref } from '@/components/catalog/format';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { HealthBadge, type Health } from '../badges';
import { formatCount, formatMs, formatRate, SEVERITY_RANK } from '../format';
import { UNRESOLVED_ALERTS, type DeploymentRow } from '../types';
import { useMinuteAnchor } from '../window/window-context';
import { lastHourInput } from '../window/window-params';


function LiveCells({ deployment, anchor }: { deployment: DeploymentRow; anchor: number }) {
  const trpc = useTRPC();
  const { data: stats } = useSuspenseQuery(trpc.monitoring.stats.queryOptions(lastHourInput(deployment.id, anchor)));
  const { data: alerts } = useSuspenseQuery(trpc.monitoring.alerts.queryOptions(UNRESOLVED_ALERTS));
  const mine = alerts.filter((a) => a.deploymentId === deployment.id);
  const worst = mine.reduce<(typeof mine)[number] | null>((w, a) => (!w || SEVERITY_RANK[a.severity] > SEVERITY_RANK[w.severity] ? a : w), null);
  const health: Health = worst ? { kind: 'alert', severity: worst.severity } : stats.totals.count === 0 ? { kind: 'no_traffic' } : { kind: 'ok' };
  return (
    <>
      <TableCell>
        <HealthBadge health={health} />
      </TableCell>
      <TableCell className="text-right tabular-nums" data-testid="deployment-open-alerts">
        {mine.length ? (
          <Link href={`/monitoring/${deployment.id}?tab=alerts`} className="font-semibold text-primary hover:underline">
            {mine.length}
          </Link>
        ) : (
          <span className="text-muted-foreground">0</span>
        )}
      </TableCell>
      <TableCell className="text-right tabular-nums" data-testid="deployment-events">
        {formatCount(stats.totals.count)}
      </TableCell>
      <TableCell className="text-right tabular-nums">{formatRate(stats.totals.ratePerSecond)}</TableCell>
      <TableCell className="text-right tabular-nums">{formatMs(stats.totals.latencyP95)}</TableCell>
    </>
  );
}

function LiveCellsSkeleton() {
  return (
    <>
      {Array.from({ length: 5 }, (_, i) => (
        <TableCell key={i}>
          <Skeleton className="h-5 w-14" />
        </TableCell>
      ))}
    </>
  );
}

export function DeploymentsTable({ anchor: initialAnchor }: { anchor: number }) {
  const trpc = useTRPC();
  const { data: deployments } = useSuspenseQuery(trpc.monitoring.deployments.queryOptions());
  // Deferred: when the hour slides, the rows keep their figures until the new ones arrive.
  const anchor = useDeferredValue(useMinuteAnchor(initialAnchor));
  if (deployments.length === 0) {
    return <p className="rounded-xl border border-dashed border-border p-8 text-center text-sm text-muted-foreground">No deployments yet. Ops create one for a model’s alias, then send its predictions with an ingestion key.</p>;
  }
  return (
    <Table>
      <TableCaption>Deployments with their health and the last hour of traffic</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Deployment</TableHead>
          <TableHead>Serving</TableHead>
          <TableHead>Health</TableHead>
          <TableHead className="text-right">Open alerts</TableHead>
          <TableHead className="text-right">Events (1 h)</TableHead>
          <TableHead className="text-right">Rate</TableHead>
          <TableHead className="text-right">Latency p95</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deployments.map((d) => (
          <TableRow key={d.id} data-testid="deployment-row" data-model={d.modelName} data-environment={d.environment} className="hover:bg-muted/30">
            <TableCell className="min-w-48">
              <Link href={`/monitoring/${d.id}`} className="font-medium text-primary hover:underline">
                {d.modelName}
              </Link>
              <span className="text-muted-foreground"> · {d.environment}</span>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <span className="flex items-center gap-2">
                <AliasBadge name={d.alias} />
                {d.servingVersion !== null ? (
                  <Link href={versionHref(d.modelId, d.servingVersion)} className="text-primary hover:underline">
                    v{d.servingVersion}
                  </Link>
                ) : (
                  <span className="text-xs text-warning">nothing yet</span>
                )}
              </span>
            </TableCell>
            <Suspense fallback={<LiveCellsSkeleton />}>
              <LiveCells deployment={d} anchor={anchor} />
            </Suspense>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
