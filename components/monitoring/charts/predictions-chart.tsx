'use client';
// What the model predicted over time: the share of each class per bucket (stacked to 100%) for
// classifiers, the mean prediction for regression.
import { memo, useMemo } from 'react';
import type uPlot from 'uplot';
import { formatMetric } from '@/components/catalog/format';
import { columnsOf, stackShares } from '@/lib/monitoring/series-columns';
import { formatShare } from '../format';
import type { DeploymentStats } from '../types';
import { colorAt, type Marker } from './theme';
import { TimeSeriesChart, type SeriesSpec } from './time-series-chart';
import { frameOf } from './traffic-latency-charts';

type Props = { stats: DeploymentStats; markers: Marker[] };

const MEAN: SeriesSpec[] = [{ label: 'Mean prediction', color: 'var(--primary)', kind: 'line' }];

export const PredictionsChart = memo(function PredictionsChart({ stats, markers }: Props) {
  const labels = useMemo(() => Object.keys(stats.totals.predictions).sort(), [stats]);
  const regression = stats.taskType === 'regression';
  const series = useMemo<SeriesSpec[]>(() => (regression ? MEAN : labels.map((label, i) => ({ label, color: colorAt(i), kind: 'step', fillOpacity: 0.55 }))), [regression, labels]);
  // Classes: each bucket's shares (for the legend) and their running sums (what is drawn, stacked).
  const { data, values } = useMemo(() => {
    const { t, points } = columnsOf(stats);
    if (regression) {
      const mean: uPlot.AlignedData = [t, points.map((p) => p?.meanPrediction ?? null)];
      return { data: mean, values: mean };
    }
    const shares = labels.map((label) => points.map((p) => (p && p.count > 0 ? (p.predictions[label] ?? 0) / p.count : null)));
    const stacked = stackShares(shares);
    return { data: [t, ...stacked] as uPlot.AlignedData, values: [t, ...shares] as uPlot.AlignedData };
  }, [stats, labels, regression]);
  const bands = useMemo<[number, number][]>(() => (regression ? [] : labels.slice(1).map((_, i) => [i + 2, i + 1])), [regression, labels]);

  if (regression) {
    return <TimeSeriesChart title="Mean prediction" summary="Mean predicted value per bucket." series={series} data={data} markers={markers} yFormatter={(v) => formatMetric(v)} testId="predictions-chart" {...frameOf(stats)} />;
  }
  const total = Object.values(stats.totals.predictions).reduce((a, b) => a + b, 0);
  const summary = labels.map((l) => `${l} ${formatShare(total ? (stats.totals.predictions[l] ?? 0) / total : 0)}`).join(', ');
  return (
    <TimeSeriesChart
      title="Predicted classes (share per bucket)"
      summary={`Share of each predicted class per bucket; over the window ${summary || 'no predictions'}.`}
      series={series}
      data={data}
      values={values}
      bands={bands}
      markers={markers}
      yFormatter={(v) => formatShare(v)}
      yDomain={[0, 1]}
      testId="predictions-chart"
      {...frameOf(stats)}
    />
  );
});
