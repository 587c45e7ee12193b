'use client';
// Drift of the window against the serving version's reference dataset: dataset drift, the
// heat-map over time, the per-feature table and the histograms of the selected feature.
import { useSuspenseQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount, formatShare } from '../format';
import { DRIFT_BUCKETS, driftInput, MAX_DRIFT_MS } from '../window/window-params';
import { useMonitoringWindow } from '../window/window-context';
import { DriftHeatmap } from './drift-heatmap';
import { DriftTable } from './drift-table';
import { FeatureHistogram } from './feature-histogram';

export function DriftTab({ deploymentId }: { deploymentId: string }) {
  const { window: w } = useMonitoringWindow();
  if (w.to.getTime() - w.from.getTime() > MAX_DRIFT_MS) {
    return <Alert variant="info" title="Window too long for a drift report">Drift is computed from raw events over at most 31 days. Pick a shorter range or zoom in.</Alert>;
  }
  return <DriftReportView deploymentId={deploymentId} />;
}

function DriftReportView({ deploymentId }: { deploymentId: string }) {
  const trpc = useTRPC();
  const { window: w, stale } = useMonitoringWindow();
  const { data: report } = useSuspenseQuery(trpc.monitoring.drift.queryOptions(driftInput(deploymentId, w)));
  const [picked, setPicked] = useState<string | null>(null);
  // The first drifted feature until someone picks one.
  const selected = report.features.find((f) => f.feature === picked) ?? report.features.find((f) => f.drifted) ?? report.features[0] ?? null;

  if (report.note) {
    return (
      <Alert variant="info" title="No drift report for this window" data-testid="drift-note">
        {report.note}
      </Alert>
    );
  }
  const d = report.dataset;
  return (
    <div className={clsx('flex flex-col gap-6 transition-opacity', stale && 'opacity-60')} data-testid="drift-report">
      <div className="flex flex-wrap items-center gap-3 rounded-xl border border-border bg-card px-4 py-3 text-sm shadow-xs" data-testid="dataset-drift" data-drifted={d?.drifted ?? false}>
        {d?.drifted ? <Badge variant="destructive">Dataset drift</Badge> : <Badge variant="success">No dataset drift</Badge>}
        {d ? (
          <span>
            <span className="font-semibold tabular-nums">{d.driftedCount}</span> of {d.featureCount} features drifted ({formatShare(d.share)})
          </span>
        ) : null}
        <span className="text-muted-foreground">
          v{report.version} · {formatCount(report.currentRows)} events against {formatCount(report.referenceRows)} reference rows
        </span>
      </div>
      <DriftHeatmap report={report} buckets={DRIFT_BUCKETS} selected={selected?.feature ?? null} onSelect={setPicked} />
      <div className="grid items-start gap-6 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <DriftTable features={report.features} selected={selected?.feature ?? null} onSelect={setPicked} />
        {selected ? <FeatureHistogram feature={selected} /> : null}
      </div>
    </div>
  );
}

export function DriftTabSkeleton() {
  return (
    <div role="status" className="flex flex-col gap-6">
      <span className="sr-only">Computing drift…</span>
      <Skeleton className="h-12 rounded-xl" />
      <Skeleton className="h-48 rounded-xl" />
      <Skeleton className="h-64 rounded-xl" />
    </div>
  );
}
