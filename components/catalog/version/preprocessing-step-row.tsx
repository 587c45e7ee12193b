'use client';
// One step of the preprocessing editor: the feature, how it is encoded, that encoding's constants,
// and buttons to move it in the tensor's column order or remove it.
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import type { UseFormReturn } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FieldError } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import { isCategoricalKind, STEP_KIND_LABELS, STEP_KINDS, type PreprocessingFormValues, type StepKind } from './preprocessing-form';

type StepRowProps = {
  form: UseFormReturn<PreprocessingFormValues>;
  index: number;
  count: number;
  featureListId: string;
  onMove: (to: number) => void;
  onRemove: () => void;
};

export function PreprocessingStepRow({ form, index: i, count, featureListId, onMove, onRemove }: StepRowProps) {
  const errors = form.formState.errors.steps?.[i];
  const kind = form.watch(`steps.${i}.kind`) as StepKind;
  const n = i + 1;
  const field = (name: 'mean' | 'std' | 'min' | 'max', label: string) => (
    <div className="min-w-0">
      <Input aria-label={`Step ${n} ${label}`} placeholder={label} inputMode="decimal" className="tabular-nums" aria-invalid={!!errors?.[name]} {...form.register(`steps.${i}.${name}`)} />
      <FieldError>{errors?.[name]?.message}</FieldError>
    </div>
  );
  return (
    <li data-testid="preprocessing-edit-row" className="grid grid-cols-[2rem_minmax(0,1fr)_10.5rem_minmax(0,1.6fr)_auto] items-start gap-2">
      <span className="pt-2 text-right text-sm text-muted-foreground tabular-nums">{n}</span>
      <div className="min-w-0">
        <Input aria-label={`Step ${n} feature`} list={featureListId} className="font-mono text-xs" aria-invalid={!!errors?.feature} {...form.register(`steps.${i}.feature`)} />
        <FieldError>{errors?.feature?.message}</FieldError>
      </div>
      <div className="min-w-0">
        <Select aria-label={`Step ${n} encoding`} aria-invalid={!!errors?.kind} {...form.register(`steps.${i}.kind`)}>
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {STEP_KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <FieldError>{errors?.kind?.message}</FieldError>
      </div>
      {kind === 'standardize' ? (
        <div className="grid grid-cols-2 gap-2">
          {field('mean', 'mean')}
          {field('std', 'std')}
        </div>
      ) : kind === 'min_max' ? (
        <div className="grid grid-cols-2 gap-2">
          {field('min', 'min')}
          {field('max', 'max')}
        </div>
      ) : isCategoricalKind(kind) ? (
        <div className="min-w-0">
          <Input aria-label={`Step ${n} categories`} placeholder="a, b, c (in encoding order)" aria-invalid={!!errors?.categories} {...form.register(`steps.${i}.categories`)} />
          <FieldError>{errors?.categories?.message}</FieldError>
        </div>
      ) : (
        <p className="pt-2 text-xs text-muted-foreground">The raw value, unscaled.</p>
      )}
      <div className="flex">
        <Button variant="ghost" size="icon" onClick={() => onMove(i - 1)} disabled={i === 0} aria-label={`Move step ${n} up`}>
          <ArrowUp aria-hidden />
        </Button>
        <Button variant="ghost" size="icon" onClick={() => onMove(i + 1)} disabled={i === count - 1} aria-label={`Move step ${n} down`}>
          <ArrowDown aria-hidden />
        </Button>
        <Button variant="ghost" size="icon" onClick={onRemove} aria-label={`Remove step ${n}`}>
          <Trash2 aria-hidden />
        </Button>
      </div>
    </li>
  );
}
