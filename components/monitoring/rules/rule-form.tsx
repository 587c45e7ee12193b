'use client';
// Adds or edits an alert rule. Which fields apply depends on the kind: drift rules may choose a
// method (a blank threshold keeps the method's default), performance rules name a metric, the
// others need a threshold. The server checks the same and says what is wrong.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { serverMessage } from '@/components/approvals/actions/server-message';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Alert } from '@/components/ui/alert';
import { Checkbox } from '@/components/ui/checkbox';
import { FormActions } from '@/components/ui/form-actions';
import { Input } from '@/components/ui/input';
import { FieldHint, Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { SUMMARY_METRICS } from '@/lib/evaluation/summary';
import type { TaskType } from '@/lib/validation/catalog';
import { ALERT_KIND_LIST, DRIFT_METHOD_LIST, SEVERITY_LIST } from '@/lib/validation/monitoring';
import { KIND_LABELS, METHOD_LABELS } from '../format';
import type { AlertKind, AlertRuleRow } from '../types';

const PER_FEATURE = new Set<AlertKind>(['feature_drift', 'missing_rate', 'out_of_range_rate', 'unknown_category_rate']);
const THRESHOLD_HINT: Record<AlertKind, string> = {
  feature_drift: 'p-value for tests (ks, chisquare, z), distance for the others; blank keeps the method’s default.',
  dataset_drift: 'Share of features drifting, between 0 and 1 (0.5 = half).',
  missing_rate: 'Share of events, e.g. 0.1 for 10%.',
  out_of_range_rate: 'Share of events, e.g. 0.05 for 5%.',
  unknown_category_rate: 'Share of events, e.g. 0.05 for 5%.',
  type_error_rate: 'Share of events refused for wrong types, e.g. 0.01.',
  latency_p95: 'Milliseconds.',
  performance: 'Fires below it (above it for losses and errors such as log_loss, rmse).',
  traffic_drop: 'Drop against the previous window, e.g. 0.8 fires at 80% fewer events.',
};

type Props = { deploymentId: string; taskType: TaskType; rule?: AlertRuleRow; onDone: () => void };

export function RuleForm({ deploymentId, taskType, rule, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [kind, setKind] = useState<AlertKind>(rule?.kind ?? 'feature_drift');
  const [feature, setFeature] = useState(rule?.feature ?? '');
  const [method, setMethod] = useState(rule?.method ?? '');
  const [metric, setMetric] = useState(rule?.metric ?? '');
  const [threshold, setThreshold] = useState(rule?.threshold === null || rule?.threshold === undefined ? '' : String(rule.threshold));
  const [windowMinutes, setWindowMinutes] = useState(String(rule?.windowMinutes ?? 60));
  const [severity, setSeverity] = useState(rule?.severity ?? 'warning');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.monitoring.rules.queryKey({ deploymentId }) });
    onDone();
  };
  const create = useMutation(trpc.monitoring.createRule.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.monitoring.updateRule.mutationOptions({ onSuccess }));
  const mutation = rule ? update : create;

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      kind,
      feature: PER_FEATURE.has(kind) && feature.trim() ? feature.trim() : null,
      method: kind === 'feature_drift' && method ? (method as (typeof DRIFT_METHOD_LIST)[number]) : null,
      metric: kind === 'performance' ? metric.trim() || null : null,
      threshold: threshold.trim() === '' ? null : Number(threshold),
      windowMinutes: Number(windowMinutes),
      severity,
      enabled,
    };
    if (rule) update.mutate({ ruleId: rule.id, rule: body });
    else create.mutate({ deploymentId, rule: body });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" aria-label={rule ? 'Edit alert rule' : 'New alert rule'}>
      {mutation.error ? <Alert variant="error">{serverMessage(mutation.error)}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-kind`}>Kind</Label>
          <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value as AlertKind)}>
            {ALERT_KIND_LIST.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-severity`}>Severity</Label>
          <Select id={`${id}-severity`} value={severity} onChange={(e) => setSeverity(e.currentTarget.value as typeof severity)}>
            {SEVERITY_LIST.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </div>
        {PER_FEATURE.has(kind) ? (
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-feature`}>Feature</Label>
            <Input id={`${id}-feature`} value={feature} onChange={(e) => setFeature(e.currentTarget.value)} placeholder="Every feature" autoComplete="off" />
          </div>
        ) : null}
        {kind === 'feature_drift' ? (
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-method`}>Method</Label>
            <Select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
              <option value="">Default (chosen per feature)</option>
              {DRIFT_METHOD_LIST.map((m) => (
                <option key={m} value={m}>
                  {METHOD_LABELS[m] ?? m}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        {kind === 'performance' ? (
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-metric`}>Metric</Label>
            <Select id={`${id}-metric`} value={metric} onChange={(e) => setMetric(e.currentTarget.value)}>
              <option value="">Choose a metric</option>
              {SUMMARY_METRICS[taskType].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-threshold`}>Threshold</Label>
          <Input id={`${id}-threshold`} type="number" step="any" value={threshold} onChange={(e) => setThreshold(e.currentTarget.value)} aria-describedby={`${id}-threshold-hint`} />
          <FieldHint id={`${id}-threshold-hint`}>{THRESHOLD_HINT[kind]}</FieldHint>
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-window`}>Window (minutes)</Label>
          <Input id={`${id}-window`} type="number" min={5} max={43200} step={1} value={windowMinutes} onChange={(e) => setWindowMinutes(e.currentTarget.value)} aria-describedby={`${id}-window-hint`} />
          <FieldHint id={`${id}-window-hint`}>Checked every 30 seconds over this many past minutes (5 to 43,200).</FieldHint>
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <Checkbox checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        Enabled
      </label>
      <FormActions onCancel={onDone} pending={mutation.isPending} submitLabel={rule ? 'Save rule' : 'Add rule'} pendingLabel="Saving…" />
    </form>
  );
}
