// The rules every new deployment starts with; ops tune or disable them on the deployment page.
import 'server-only';
import type { TaskType } from '@/lib/validation/catalog';
import type { AlertRule } from '@/server/db/schema';

type NewRule = Pick<AlertRule, 'kind' | 'feature' | 'method' | 'metric' | 'threshold' | 'windowMinutes' | 'severity'>;

export function defaultRules(taskType: TaskType): NewRule[] {
  const rules: NewRule[] = [
    // Half the features drifting over the last hour: the model sees another population.
    { kind: 'dataset_drift', feature: null, method: null, metric: null, threshold: 0.5, windowMinutes: 60, severity: 'critical' },
    { kind: 'feature_drift', feature: null, method: null, metric: null, threshold: null, windowMinutes: 60, severity: 'warning' },
    { kind: 'missing_rate', feature: null, method: null, metric: null, threshold: 0.1, windowMinutes: 60, severity: 'warning' },
    { kind: 'unknown_category_rate', feature: null, method: null, metric: null, threshold: 0.05, windowMinutes: 60, severity: 'warning' },
    { kind: 'type_error_rate', feature: null, method: null, metric: null, threshold: 0.01, windowMinutes: 60, severity: 'warning' },
    { kind: 'latency_p95', feature: null, method: null, metric: null, threshold: 250, windowMinutes: 15, severity: 'warning' },
    // Traffic at less than 20% of the previous window of the same length.
    { kind: 'traffic_drop', feature: null, method: null, metric: null, threshold: 0.8, windowMinutes: 60, severity: 'info' },
  ];
  if (taskType === 'binary_classification') rules.push({ kind: 'performance', feature: null, method: null, metric: 'roc_auc', threshold: 0.7, windowMinutes: 1440, severity: 'warning' });
  if (taskType === 'multiclass_classification') rules.push({ kind: 'performance', feature: null, method: null, metric: 'accuracy', threshold: 0.7, windowMinutes: 1440, severity: 'warning' });
  return rules;
}

/** Metrics where a higher value is worse: their performance rules fire above the threshold. */
export const LOWER_IS_BETTER = new Set(['log_loss', 'ece', 'mae', 'rmse']);
