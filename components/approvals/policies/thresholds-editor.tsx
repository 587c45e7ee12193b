'use client';
// Metric thresholds a model's gating evaluation must meet: metric (from the headline metrics of the
// model's task type), ≥ or ≤, and a value. Choosing a metric picks its usual direction.
import { Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FieldHint } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { SUMMARY_METRICS } from '@/lib/evaluation/summary';
import type { TaskType } from '@/lib/validation/catalog';
import type { MetricThreshold } from '@/lib/validation/releases';
import { defaultOp, OP_SYMBOLS, OP_WORDS } from './format';

type ThresholdsEditorProps = { idPrefix: string; taskType: TaskType; value: MetricThreshold[]; onChange: (next: MetricThreshold[]) => void };

const MAX_THRESHOLDS = 20;

export function ThresholdsEditor({ idPrefix, taskType, value, onChange }: ThresholdsEditorProps) {
  const metrics = SUMMARY_METRICS[taskType];
  const update = (index: number, patch: Partial<MetricThreshold>) => onChange(value.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  const add = () => {
    const metric = metrics.find((m) => !value.some((t) => t.metric === m)) ?? metrics[0] ?? 'accuracy';
    onChange([...value, { metric, op: defaultOp(metric), value: Number.NaN }]);
  };

  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={`${idPrefix}-hint`} data-testid="thresholds-editor">
      <legend className="mb-1 text-sm font-medium">Metric thresholds</legend>
      <FieldHint id={`${idPrefix}-hint`}>
        Checked against the gating evaluation’s metrics. Any threshold makes an evaluation required.
      </FieldHint>
      {value.length > 0 ? (
        <Table>
          <TableCaption>Metric thresholds</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Metric</TableHead>
              <TableHead>Must be</TableHead>
              <TableHead>Value</TableHead>
              <TableHead>
                <span className="sr-only">Remove</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {value.map((t, index) => {
              const n = index + 1;
              // A metric stored earlier but not offered for this task type stays selectable.
              const options = metrics.includes(t.metric) ? metrics : [t.metric, ...metrics];
              return (
                <TableRow key={index} data-testid="threshold-row">
                  <TableCell className="py-2">
                    <Select aria-label={`Metric of threshold ${n}`} value={t.metric} onChange={(e) => update(index, { metric: e.currentTarget.value, op: defaultOp(e.currentTarget.value) })}>
                      {options.map((m) => (
                        <option key={m} value={m}>
                          {m}
                        </option>
                      ))}
                    </Select>
                  </TableCell>
                  <TableCell className="py-2">
                    <Select aria-label={`Comparison of threshold ${n}`} value={t.op} onChange={(e) => update(index, { op: e.currentTarget.value as MetricThreshold['op'] })} className="w-32">
                      {(['gte', 'lte'] as const).map((op) => (
                        <option key={op} value={op}>
                          {OP_SYMBOLS[op]} {OP_WORDS[op]}
                        </option>
                      ))}
                    </Select>
                  </TableCell>
                  <TableCell className="w-32 py-2">
                    <Input
                      type="number"
                      step="any"
                      required
                      aria-label={`Value of threshold ${n}`}
                      value={Number.isNaN(t.value) ? '' : t.value}
                      onChange={(e) => update(index, { value: e.currentTarget.valueAsNumber })}
                      className="font-mono tabular-nums"
                    />
                  </TableCell>
                  <TableCell className="py-2 text-right">
                    <Button size="icon" variant="destructive-ghost" className="size-8" onClick={() => onChange(value.filter((_, i) => i !== index))} aria-label={`Remove threshold ${n} (${t.metric})`}>
                      <Trash2 aria-hidden />
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : (
        <p className="text-sm text-muted-foreground">No thresholds: any gating evaluation passes on its metrics.</p>
      )}
      <Button size="sm" variant="outline" className="self-start" onClick={add} disabled={value.length >= MAX_THRESHOLDS}>
        <Plus aria-hidden />
        Add threshold
      </Button>
    </fieldset>
  );
}
