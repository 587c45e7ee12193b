'use client';
// Traffic (events per bucket) and latency percentiles over the window, on canvas. The columns are
// derived once per statistics result (shared by the charts), so a live update of 10,080 buckets a
// series costs one pass and one setData per chart.
import { memo, useMemo } from 'react';
import type uPlot from 'uplot';
import { columnsOf } from '@/lib/monitoring/series-columns';
import { formatCount, formatMs } from '../format';
import type { DeploymentStats } from '../types';
import { LATENCY_COLORS, type Marker } from './theme';
import { TimeSeriesChart, type SeriesSpec } from './time-series-chart';

type Props = { stats: DeploymentStats; markers: Marker[] };

export const frameOf = (stats: DeploymentStats) => ({ from: Date.parse(stats.from), to: Date.parse(stats.to), bucketMs: stats.bucketMinutes * 60_000 });

const TRAFFIC: SeriesSpec[] = [{ label: 'Events', color: 'var(--primary)', kind: 'step', fillOpacity: 0.15 }];
const LATENCY: SeriesSpec[] = [
  { label: 'p50', color: LATENCY_COLORS.p50, kind: 'line' },
  { label: 'p95', color: LATENCY_COLORS.p95, kind: 'line' },
  { label: 'p99', color: LATENCY_COLORS.p99, kind: 'line' },
];

export const TrafficChart = memo(function TrafficChart({ stats, markers }: Props) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const { t, points } = columnsOf(stats);
    return [t, points.map((p) => p?.count ?? 0)];
  }, [stats]);
  const per = stats.bucketMinutes === 1 ? 'minute' : `${stats.bucketMinutes} minutes`;
  return (
    <TimeSeriesChart
      title={`Traffic (events per ${per})`}
      summary={`Prediction events per ${per}: ${formatCount(stats.totals.count)} in the window.`}
      series={TRAFFIC}
      data={data}
      markers={markers}
      yFormatter={(v) => formatCount(v)}
      integer
      testId="traffic-chart"
      {...frameOf(stats)}
    />
  );
});

export const LatencyChart = memo(function LatencyChart({ stats, markers }: Props) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const { t, points } = columnsOf(stats);
    return [t, points.map((p) => p?.latencyP50 ?? null), points.map((p) => p?.latencyP95 ?? null), points.map((p) => p?.latencyP99 ?? null)];
  }, [stats]);
  return (
    <TimeSeriesChart
      title="Latency (ms)"
      summary={`Latency percentiles per bucket; over the window p50 ${formatMs(stats.totals.latencyP50)}, p95 ${formatMs(stats.totals.latencyP95)}, p99 ${formatMs(stats.totals.latencyP99)}.`}
      series={LATENCY}
      data={data}
      markers={markers}
      yFormatter={(v) => formatMs(v)}
      testId="latency-chart"
      {...frameOf(stats)}
    />
  );
});
