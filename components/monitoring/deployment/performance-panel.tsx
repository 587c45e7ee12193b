// Live performance: metrics over the window's events whose ground-truth labels arrived (POST
// /api/v1/labels). Without labels it says how to send them.
import { formatMetric } from '@/components/catalog/format';
import { formatCount } from '../format';
import type { DeploymentStats } from '../types';

export function PerformancePanel({ stats }: { stats: DeploymentStats }) {
  const performance = stats.performance;
  const metrics = performance ? Object.entries(performance.metrics).filter(([, v]) => v !== null) : [];
  return (
    <section aria-labelledby="performance-title" className="flex flex-col gap-3" data-testid="performance">
      <h2 id="performance-title" className="text-lg font-semibold tracking-tight">
        Performance
      </h2>
      {performance ? (
        <div className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4 shadow-xs">
          <p className="text-sm text-muted-foreground">
            Over <span className="font-medium text-foreground">{formatCount(performance.labelled)}</span> labelled events in this window.
          </p>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            {metrics.map(([name, value]) => (
              <div key={name} className="flex flex-col gap-0.5" data-testid="performance-metric" data-metric={name}>
                <dt className="font-mono text-xs text-muted-foreground">{name}</dt>
                <dd className="text-lg font-semibold tabular-nums">{formatMetric(value ?? undefined)}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : (
        <p className="rounded-xl border border-dashed border-border p-6 text-sm text-muted-foreground">
          No labelled events in this window. Send ground truth for earlier events to <code className="font-mono text-xs">POST /api/v1/labels</code> with the deployment’s ingestion key, and
          accuracy, AUC or error metrics appear here.
        </p>
      )}
    </section>
  );
}
