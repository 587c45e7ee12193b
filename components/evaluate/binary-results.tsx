'use client';
// A binary run: headline metrics at the chosen threshold, the slider that moves it (the worker
// answers with the confusion matrix from its sorted scores), and the curves.
import { useId, useState } from 'react';
import type { BinaryMetrics } from '@/lib/metrics';
import { Label } from '@/components/ui/label';
import type { ThresholdView } from './use-evaluation';
import { BinaryCharts } from './binary-charts';
import { ConfusionMatrix } from './confusion-matrix';
import { MetricCards } from './metric-cards';

type Props = { metrics: BinaryMetrics; classLabels: string[]; positiveClass: string; view: ThresholdView; onThreshold: (t: number) => void };

export function BinaryResults({ metrics, classLabels, positiveClass, view, onThreshold }: Props) {
  const id = useId();
  const [threshold, setThreshold] = useState(view.threshold);
  const negative = classLabels.find((c) => c !== positiveClass) ?? 'negative';
  const { tp, fp, tn, fn } = view.confusion;
  const pending = threshold !== view.threshold;

  return (
    <div className="flex flex-col gap-5">
      <MetricCards summary={view.summary} />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)] lg:items-start">
        <div className="flex flex-col gap-2">
          <div className="flex items-center justify-between">
            <Label htmlFor={`${id}-threshold`}>Threshold</Label>
            <output htmlFor={`${id}-threshold`} className="font-mono text-sm tabular-nums">
              {threshold.toFixed(2)}
            </output>
          </div>
          <input
            id={`${id}-threshold`}
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={threshold}
            onChange={(e) => {
              const t = Number(e.target.value);
              setThreshold(t);
              onThreshold(t);
            }}
            className="w-full accent-[var(--primary)]"
          />
          <p className="text-xs text-muted-foreground">
            A row is predicted “{positiveClass}” when P({positiveClass}) ≥ threshold. Threshold-dependent metrics and the saved evidence use this value.
          </p>
        </div>
        <div aria-busy={pending}>
          <ConfusionMatrix
            labels={[negative, positiveClass]}
            counts={[
              [tn, fp],
              [fn, tp],
            ]}
            caption={`Confusion matrix at threshold ${view.threshold.toFixed(2)} (${metrics.count.toLocaleString('en')} rows)`}
          />
        </div>
      </div>
      <BinaryCharts metrics={metrics} />
    </div>
  );
}
