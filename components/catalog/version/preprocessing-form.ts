// The preprocessing editor's fields (strings, as people type them), their rules, and how they become
// the PreprocessingSpec the server checks again. The rules mirror lib/validation/catalog.ts, the
// server's cross-checks against the input schema, and what in-browser evaluation can feed, so a
// mistake shows next to its step before anything is sent.
import { z } from 'zod';
import type { InputSchema, PreprocessingSpec, PreprocessingStep } from '@/lib/validation/catalog';

export const STEP_KINDS = ['standardize', 'min_max', 'passthrough', 'one_hot', 'ordinal'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const STEP_KIND_LABELS: Record<StepKind, string> = {
  standardize: 'standardize (z-score)',
  min_max: 'min–max scale',
  passthrough: 'passthrough',
  one_hot: 'one-hot',
  ordinal: 'ordinal index',
};
export const isCategoricalKind = (kind: StepKind) => kind === 'one_hot' || kind === 'ordinal';

const numberText = z.string().trim();
const isNumber = (s: string) => s !== '' && Number.isFinite(Number(s));
const splitCategories = (s: string) => s.split(',').map((c) => c.trim()).filter(Boolean);

export function preprocessingFormSchema(inputSchema: InputSchema | null) {
  const features = new Map((inputSchema?.features ?? []).map((f) => [f.name, f]));
  return z
    .object({
      steps: z.array(z.object({ feature: z.string().trim(), kind: z.enum(STEP_KINDS), mean: numberText, std: numberText, min: numberText, max: numberText, categories: z.string() })),
      missing: z.enum(['mean', 'constant', 'drop_row']),
      constant: numberText,
      reason: z.string().trim().max(500, 'At most 500 characters.'),
    })
    .superRefine((v, ctx) => {
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      if (v.steps.length === 0) issue(['steps', 'root'], 'Add at least one step: the spec lists every input of the model’s tensor.');
      const seen = new Set<string>();
      v.steps.forEach((s, i) => {
        const at = (field: string) => ['steps', i, field];
        if (!s.feature) issue(at('feature'), 'Name the feature.');
        else if (seen.has(s.feature)) issue(at('feature'), 'This feature already has a step; each appears once.');
        seen.add(s.feature);
        const feature = features.get(s.feature);
        if (s.feature && inputSchema && !feature) issue(at('feature'), 'Not a feature of the input schema.');
        if (feature && isCategoricalKind(s.kind) !== (feature.type === 'categorical')) {
          issue(at('kind'), feature.type === 'categorical' ? 'A categorical feature is encoded one-hot or as an ordinal index.' : 'A numeric feature is standardized, min–max scaled or passed through.');
        }
        if (s.kind === 'standardize') {
          if (!isNumber(s.mean)) issue(at('mean'), 'Enter the training mean.');
          if (!isNumber(s.std) || Number(s.std) <= 0) issue(at('std'), 'Enter a standard deviation above 0.');
        }
        if (s.kind === 'min_max') {
          if (!isNumber(s.min)) issue(at('min'), 'Enter the training minimum.');
          if (!isNumber(s.max)) issue(at('max'), 'Enter the training maximum.');
          else if (isNumber(s.min) && Number(s.min) >= Number(s.max)) issue(at('max'), 'The maximum must be above the minimum.');
        }
        if (isCategoricalKind(s.kind)) {
          const categories = splitCategories(s.categories);
          if (categories.length === 0) issue(at('categories'), 'List the categories in encoding order, comma-separated.');
          else if (new Set(categories).size !== categories.length) issue(at('categories'), 'Each category may appear once.');
        }
        // Evaluation fills a missing value with the step's training mean; a passthrough step has none.
        if (s.kind === 'passthrough' && v.missing === 'mean' && feature?.allowMissing) {
          issue(at('kind'), 'This feature may be missing and a passthrough step records no mean to fill it with: standardize it, or fill missing values with a constant.');
        }
      });
      if (v.missing === 'constant' && !isNumber(v.constant)) issue(['constant'], 'Enter the number missing values are filled with.');
    });
}

export type PreprocessingFormValues = z.input<ReturnType<typeof preprocessingFormSchema>>;
export type StepDraft = PreprocessingFormValues['steps'][number];

export const emptyStep = (feature = '', kind: StepKind = 'standardize'): StepDraft => ({ feature, kind, mean: '', std: '', min: '', max: '', categories: '' });

export function toStepDraft(step: PreprocessingStep): StepDraft {
  const draft = emptyStep(step.feature, step.kind);
  if (step.kind === 'standardize') return { ...draft, mean: String(step.mean), std: String(step.std) };
  if (step.kind === 'min_max') return { ...draft, min: String(step.min), max: String(step.max) };
  if (step.kind === 'one_hot' || step.kind === 'ordinal') return { ...draft, categories: step.categories.join(', ') };
  return draft;
}

/** The recorded spec as form values; with none recorded, one step per schema feature to fill in. */
export function toFormValues(spec: PreprocessingSpec | null, inputSchema: InputSchema | null): PreprocessingFormValues {
  const steps = spec ? spec.steps.map(toStepDraft) : (inputSchema?.features ?? []).map((f) => emptyStep(f.name, f.type === 'categorical' ? 'one_hot' : 'standardize'));
  const m = spec?.missingNumeric ?? { strategy: 'mean' as const };
  return { steps, missing: m.strategy, constant: m.strategy === 'constant' ? String(m.value) : '', reason: '' };
}

export function toSpec(v: PreprocessingFormValues): PreprocessingSpec {
  const steps = v.steps.map((s): PreprocessingStep => {
    const feature = s.feature.trim();
    switch (s.kind) {
      case 'standardize':
        return { feature, kind: 'standardize', mean: Number(s.mean), std: Number(s.std) };
      case 'min_max':
        return { feature, kind: 'min_max', min: Number(s.min), max: Number(s.max) };
      case 'one_hot':
      case 'ordinal':
        return { feature, kind: s.kind, categories: splitCategories(s.categories) };
      default:
        return { feature, kind: 'passthrough' };
    }
  });
  const missingNumeric = v.missing === 'constant' ? { strategy: 'constant' as const, value: Number(v.constant) } : { strategy: v.missing };
  return { steps, missingNumeric };
}
