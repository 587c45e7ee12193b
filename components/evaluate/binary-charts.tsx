'use client';
// ROC and precision-recall curves and a reliability (calibration) chart for a binary run.
import type { ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BinaryMetrics } from '@/lib/metrics';
import { formatMetric } from '@/components/catalog/format';

const TOOLTIP = {
  contentStyle: { background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12, color: 'var(--foreground)' },
  labelStyle: { color: 'var(--muted-foreground)' },
};
const AXIS = { stroke: 'var(--muted-foreground)', fontSize: 11, tickLine: false };
const unit = [0, 1] as const;

function Chart({ title, summary, xLabel, yLabel, data, diagonal, children }: { title: string; summary: string; xLabel: string; yLabel: string; data: object[]; diagonal?: boolean; children: ReactNode }) {
  return (
    <figure className="flex flex-col gap-2 rounded-lg border border-border p-3">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <div className="h-56 w-full" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 16, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" domain={unit} {...AXIS} label={{ value: xLabel, position: 'insideBottom', offset: -10, fontSize: 11, fill: 'var(--muted-foreground)' }} />
            <YAxis type="number" domain={unit} width={36} {...AXIS} label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize: 11, fill: 'var(--muted-foreground)' }} />
            <Tooltip {...TOOLTIP} formatter={(v) => formatMetric(Number(v))} labelFormatter={(v) => `${xLabel} ${formatMetric(Number(v))}`} />
            {diagonal ? <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="var(--muted-foreground)" strokeDasharray="4 4" /> : null}
            {children}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function BinaryCharts({ metrics }: { metrics: BinaryMetrics }) {
  const roc = metrics.rocCurve.map((p) => ({ x: p.fpr, y: p.tpr }));
  const pr = metrics.prCurve.map((p) => ({ x: p.recall, y: p.precision }));
  const calibration = metrics.calibration.filter((b) => b.meanPredicted !== null).map((b) => ({ x: b.meanPredicted, y: b.fractionPositive, count: b.count }));
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Chart title="ROC curve" summary={`ROC curve, area ${formatMetric(metrics.rocAuc ?? undefined)}`} xLabel="False positive rate" yLabel="True positive rate" data={roc} diagonal>
        <Line type="linear" dataKey="y" name="TPR" stroke="var(--primary)" dot={false} strokeWidth={2} isAnimationActive={false} />
      </Chart>
      <Chart title="Precision-recall curve" summary={`Precision-recall curve, area ${formatMetric(metrics.prAuc ?? undefined)}`} xLabel="Recall" yLabel="Precision" data={pr}>
        <Line type="stepAfter" dataKey="y" name="Precision" stroke="var(--primary)" dot={false} strokeWidth={2} isAnimationActive={false} />
      </Chart>
      <Chart
        title="Calibration"
        summary={`Reliability diagram over ${calibration.length} bins, expected calibration error ${formatMetric(metrics.ece ?? undefined)}`}
        xLabel="Mean predicted"
        yLabel="Fraction positive"
        data={calibration}
        diagonal
      >
        <Line type="linear" dataKey="y" name="Fraction positive" stroke="var(--primary)" strokeWidth={2} isAnimationActive={false} />
      </Chart>
    </div>
  );
}
