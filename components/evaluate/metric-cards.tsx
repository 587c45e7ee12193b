// Headline metrics of a run as cards; the exact value rides in data-value for copying and tests.
import { formatMetric } from '@/components/catalog/format';

export const METRIC_NAMES: Record<string, string> = {
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  log_loss: 'Log loss',
  roc_auc: 'ROC AUC',
  pr_auc: 'PR AUC',
  ece: 'ECE',
  macro_precision: 'Macro precision',
  macro_recall: 'Macro recall',
  macro_f1: 'Macro F1',
  weighted_precision: 'Weighted precision',
  weighted_recall: 'Weighted recall',
  weighted_f1: 'Weighted F1',
  roc_auc_ovr: 'ROC AUC (one-vs-rest)',
  mae: 'MAE',
  rmse: 'RMSE',
  r2: 'R²',
};

export function MetricCards({ summary }: { summary: Record<string, number | null> }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {Object.entries(summary).map(([name, value]) => (
        <div key={name} data-testid="metric" data-name={name} data-value={value ?? ''} className="rounded-lg border border-border bg-card px-3 py-2.5">
          <dt className="text-xs text-muted-foreground">{METRIC_NAMES[name] ?? name}</dt>
          <dd className="font-mono text-lg font-semibold tabular-nums" title={value === null ? 'Not defined for this data' : String(value)}>
            {value === null ? '—' : formatMetric(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
