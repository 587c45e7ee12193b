'use client';
// Drift of the window, per version that served it, each against its own reference dataset: the
// versions the window covers, dataset drift, the heat-map over time, the per-feature table and the
// histograms of the selected feature.
import { useSuspenseQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount, formatShare } from '../format';
import type { DriftReport } from '../types';
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
  const { data: whole } = useSuspenseQuery(trpc.monitoring.drift.queryOptions(driftInput(deploymentId, w)));
  const [picked, setPicked] = useState<string | null>(null);
  const [pickedVersion, setPickedVersion] = useState<number | null>(null);
  // The version serving at the end of the window until someone picks another part.
  const part = whole.versions.find((v) => v.version === pickedVersion) ?? whole.versions[0];
  const report = part ? { ...whole, ...part } : whole;
  // The first drifted feature until someone picks one.
  const selected = report.features.find((f) => f.feature === picked) ?? report.features.find((f) => f.drifted) ?? report.features[0] ?? null;

  if (whole.versions.length === 0 && whole.note) {
    return (
      <Alert variant="info" title="No drift report for this window" data-testid="drift-note">
        {report.note}
      </Alert>
    );
  }
  const d = report.dataset;
  return (
    <div className={clsx('flex flex-col gap-6 transition-opacity', stale && 'opacity-60')} data-testid="drift-report" data-reader={whole.reader}>
      <WindowVersions versions={whole.versions} selected={part?.version ?? null} onSelect={setPickedVersion} />
      {report.note ? (
        <Alert variant="info" title={`No drift report for v${report.version}`} data-testid="drift-note">
          {report.note}
        </Alert>
      ) : null}
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

type Part = DriftReport['versions'][number];

/** Which versions the window covers (each with its own reference), the latest served first. */
function WindowVersions({ versions, selected, onSelect }: { versions: Part[]; selected: number | null; onSelect: (version: number) => void }) {
  const span = (v: Part) => `${v.firstMinute.slice(11, 16)}–${new Date(Date.parse(v.lastMinute) + 60_000).toISOString().slice(11, 16)} UTC`;
  return (
    <div role="group" aria-label="Versions in this window" className="flex flex-wrap items-center gap-2 text-sm" data-testid="window-versions">
      <span className="text-muted-foreground">This window covers</span>
      {versions.map((v, i) => (
        <button
          key={v.versionId}
          type="button"
          onClick={() => onSelect(v.version)}
          aria-pressed={v.version === selected}
          data-testid="window-version"
          data-version={v.version}
          className={clsx('rounded-lg border px-2.5 py-1 tabular-nums transition-colors', v.version === selected ? 'border-primary bg-primary/10 font-medium' : 'border-border hover:bg-muted')}
        >
          v{v.version}
          {i === 0 && versions.length > 1 ? ' (latest)' : ''} · {formatCount(v.currentRows)} events · {span(v)}
        </button>
      ))}
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
