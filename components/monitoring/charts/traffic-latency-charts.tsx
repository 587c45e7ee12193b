'use client';
// Traffic (events per bucket) and latency percentiles over the window. Data is derived once per
// statistics result (memoised), lines draw without dots or animation, so thousands of points stay smooth.
import { memo, useMemo } from 'react';
import { Area, Line } from 'recharts';
import { formatCount, formatMs } from '../format';
import type { DeploymentStats } from '../types';
import { bucketsOf, type Marker } from './theme';
import { TimeSeriesChart } from './time-series-chart';

type Props = { stats: DeploymentStats; markers: Marker[] };

const frame = (stats: DeploymentStats) => ({ from: Date.parse(stats.from), to: Date.parse(stats.to), bucketMs: stats.bucketMinutes * 60_000 });

export const TrafficChart = memo(function TrafficChart({ stats, markers }: Props) {
  const data = useMemo(() => bucketsOf(stats.series, stats.from, stats.to, stats.bucketMinutes).map((b) => ({ t: b.t, count: b.point?.count ?? 0 })), [stats]);
  const per = stats.bucketMinutes === 1 ? 'minute' : `${stats.bucketMinutes} minutes`;
  return (
    <TimeSeriesChart
      title={`Traffic (events per ${per})`}
      summary={`Prediction events per ${per}: ${formatCount(stats.totals.count)} in the window.`}
      data={data}
      markers={markers}
      yFormatter={(v) => formatCount(v)}
      testId="traffic-chart"
      {...frame(stats)}
    >
      <Area type="stepAfter" dataKey="count" name="Events" stroke="var(--primary)" fill="var(--primary)" fillOpacity={0.15} strokeWidth={1.5} dot={false} activeDot={false} isAnimationActive={false} />
    </TimeSeriesChart>
  );
});

export const LatencyChart = memo(function LatencyChart({ stats, markers }: Props) {
  const data = useMemo(
    () => bucketsOf(stats.series, stats.from, stats.to, stats.bucketMinutes).map((b) => ({ t: b.t, p50: b.point?.latencyP50 ?? null, p95: b.point?.latencyP95 ?? null, p99: b.point?.latencyP99 ?? null })),
    [stats],
  );
  return (
    <TimeSeriesChart
      title="Latency (ms)"
      summary={`Latency percentiles per bucket; over the window p50 ${formatMs(stats.totals.latencyP50)}, p95 ${formatMs(stats.totals.latencyP95)}, p99 ${formatMs(stats.totals.latencyP99)}.`}
      data={data}
      markers={markers}
      yFormatter={(v) => formatMs(v)}
      testId="latency-chart"
      {...frame(stats)}
    >
      <Line type="linear" dataKey="p50" name="p50" stroke="oklch(0.66 0.15 155)" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
      <Line type="linear" dataKey="p95" name="p95" stroke="var(--primary)" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
      <Line type="linear" dataKey="p99" name="p99" stroke="var(--warning)" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
    </TimeSeriesChart>
  );
});
