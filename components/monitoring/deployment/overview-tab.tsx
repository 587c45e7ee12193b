'use client';
// A deployment's window at a glance: totals, traffic, latency and prediction charts with alert
// markers, data quality per feature and, where labels came back, live performance.
import { useSuspenseQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { useMemo } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Skeleton } from '@/components/ui/skeleton';
import { PredictionsChart } from '../charts/predictions-chart';
import type { Marker } from '../charts/theme';
import { LatencyChart, TrafficChart } from '../charts/traffic-latency-charts';
import { formatCount, formatMs, formatRate, formatShare } from '../format';
import { deploymentAlertsInput } from '../types';
import { statsInput } from '../window/window-params';
import { useMonitoringWindow } from '../window/window-context';
import { PerformancePanel } from './performance-panel';
import { QualityTable } from './quality-table';

function Stat({ label, value, testId, hint }: { label: string; value: string; testId?: string; hint?: string }) {
  return (
    <div className="flex flex-col gap-1 rounded-xl border border-border bg-card px-4 py-3 shadow-xs" title={hint}>
      <span className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</span>
      <span className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

export function OverviewTab({ deploymentId }: { deploymentId: string }) {
  const trpc = useTRPC();
  const { window: w, stale, resolution } = useMonitoringWindow();
  // No structural sharing: every refetch brings new series anyway, and comparing 10,080 points deep
  // (full detail) cost ~25 ms of main thread per live update.
  const { data: stats } = useSuspenseQuery({ ...trpc.monitoring.stats.queryOptions(statsInput(deploymentId, w, resolution)), structuralSharing: false });
  const { data: alerts } = useSuspenseQuery(trpc.monitoring.alerts.queryOptions(deploymentAlertsInput(deploymentId)));
  const markers = useMemo<Marker[]>(() => alerts.map((a) => ({ id: a.id, at: new Date(a.openedAt).getTime(), label: a.reference, severity: a.severity })), [alerts]);
  const t = stats.totals;

  return (
    <div className={clsx('flex flex-col gap-6 transition-opacity', stale && 'opacity-60')} data-testid="deployment-overview">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="Events" value={formatCount(t.count)} testId="stat-events" />
        <Stat label="Rate" value={formatRate(t.ratePerSecond)} testId="stat-rate" />
        <Stat label="Latency p50" value={formatMs(t.latencyP50)} />
        <Stat label="Latency p95" value={formatMs(t.latencyP95)} testId="stat-p95" />
        <Stat label="Latency p99" value={formatMs(t.latencyP99)} />
        <Stat label="Type errors" value={formatShare(stats.typeErrorRate)} hint={`${formatCount(t.typeErrors)} events refused for wrong types`} />
      </div>
      {stats.versions.length > 1 ? <p className="text-xs text-muted-foreground">Events in this window came from {stats.versions.map((v) => `v${v.version}`).join(', ')}.</p> : null}
      <div className="grid gap-4 xl:grid-cols-2">
        <TrafficChart stats={stats} markers={markers} />
        <LatencyChart stats={stats} markers={markers} />
        <div className="xl:col-span-2">
          <PredictionsChart stats={stats} markers={markers} />
        </div>
      </div>
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <QualityTable stats={stats} />
        <PerformancePanel stats={stats} />
      </div>
    </div>
  );
}

export function OverviewTabSkeleton() {
  return (
    <div role="status" className="flex flex-col gap-6">
      <span className="sr-only">Loading statistics…</span>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-[74px] rounded-xl" />
        ))}
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <Skeleton className="h-72 rounded-xl" />
        <Skeleton className="h-72 rounded-xl" />
      </div>
    </div>
  );
}
