'use client';
// What the model predicted over time: the share of each class per bucket (stacked to 100%) for
// classifiers, the mean prediction for regression.
import { memo, useMemo } from 'react';
import { Area, Line } from 'recharts';
import { formatMetric } from '@/components/catalog/format';
import { formatShare } from '../format';
import type { DeploymentStats } from '../types';
import { bucketsOf, colorAt, type Marker } from './theme';
import { TimeSeriesChart } from './time-series-chart';

type Props = { stats: DeploymentStats; markers: Marker[] };

export const PredictionsChart = memo(function PredictionsChart({ stats, markers }: Props) {
  const labels = useMemo(() => Object.keys(stats.totals.predictions).sort(), [stats]);
  const regression = stats.taskType === 'regression';
  const data = useMemo(
    () =>
      bucketsOf(stats.series, stats.from, stats.to, stats.bucketMinutes).map((b) => {
        const row: Record<string, number | null> = { t: b.t };
        if (regression) row.mean = b.point?.meanPrediction ?? null;
        else labels.forEach((label, i) => (row[`c${i}`] = b.point && b.point.count > 0 ? (b.point.predictions[label] ?? 0) / b.point.count : null));
        return row;
      }),
    [stats, labels, regression],
  );
  const frame = { from: Date.parse(stats.from), to: Date.parse(stats.to), bucketMs: stats.bucketMinutes * 60_000 };
  if (regression) {
    return (
      <TimeSeriesChart title="Mean prediction" summary="Mean predicted value per bucket." data={data} markers={markers} yFormatter={(v) => formatMetric(v)} testId="predictions-chart" {...frame}>
        <Line type="linear" dataKey="mean" name="Mean prediction" stroke="var(--primary)" strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </TimeSeriesChart>
    );
  }
  const total = Object.values(stats.totals.predictions).reduce((a, b) => a + b, 0);
  const summary = labels.map((l) => `${l} ${formatShare(total ? (stats.totals.predictions[l] ?? 0) / total : 0)}`).join(', ');
  return (
    <TimeSeriesChart
      title="Predicted classes (share per bucket)"
      summary={`Share of each predicted class per bucket; over the window ${summary || 'no predictions'}.`}
      data={data}
      markers={markers}
      yFormatter={(v) => formatShare(v)}
      yDomain={[0, 1]}
      testId="predictions-chart"
      {...frame}
    >
      {labels.map((label, i) => (
        <Area key={label} type="stepAfter" dataKey={`c${i}`} name={label} stackId="classes" stroke={colorAt(i)} fill={colorAt(i)} fillOpacity={0.55} strokeWidth={1} dot={false} activeDot={false} isAnimationActive={false} />
      ))}
    </TimeSeriesChart>
  );
});
