// A plausible example event for the curl snippet, built from the serving version's schemas so
// it can be sent as is: mid-range numbers, the first category, the first class label.
import type { InputSchema, OutputSchema, TaskType } from '@/lib/validation/catalog';

export function exampleEvent(input: InputSchema | null, output: OutputSchema | null, taskType: TaskType, at: string) {
  const features: Record<string, number | string> = {};
  for (const f of input?.features ?? []) {
    if (f.type === 'categorical') features[f.name] = f.categories?.[0] ?? 'a';
    else features[f.name] = f.min !== undefined && f.max !== undefined ? Number(((f.min + f.max) / 2).toPrecision(4)) : (f.min ?? f.max ?? 0);
  }
  if (Object.keys(features).length === 0) features.FEATURE = 1.5;
  const label = output?.classLabels?.[0] ?? 'LABEL';
  const prediction = taskType === 'regression' ? 0.5 : label;
  return {
    event: { event_id: 'req-0001', timestamp: at, features, prediction, latency_ms: 12 },
    label: { event_id: 'req-0001', label: taskType === 'regression' ? 0.7 : label },
  };
}
