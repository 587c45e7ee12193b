import { describe, expect, it } from 'vitest';
import type { PreprocessingSpec } from '@/lib/validation/catalog';
import { planColumns, type EvaluationSchema } from './plan';

const schema = (over: Partial<EvaluationSchema> = {}): EvaluationSchema => ({
  inputSchema: {
    features: [
      { name: 'age', type: 'numeric', allowMissing: false },
      { name: 'plan', type: 'categorical', categories: ['a', 'b'], allowMissing: false },
    ],
  },
  outputSchema: { target: 'churned', classLabels: ['no', 'yes'] },
  preprocessing: {
    steps: [
      { feature: 'age', kind: 'standardize', mean: 40, std: 10 },
      { feature: 'plan', kind: 'one_hot', categories: ['a', 'b'] },
    ],
    missingNumeric: { strategy: 'mean' },
  },
  ...over,
});

describe('planColumns', () => {
  it('matches exact names in any column order', () => {
    expect(planColumns(['churned', 'id', 'plan', 'age'], schema())).toEqual({ ok: true, columnIndex: { plan: 2, age: 3 }, labelIndex: 0, problems: [] });
  });

  it('falls back to trimmed, case-insensitive names, preferring an exact match', () => {
    expect(planColumns([' AGE ', 'Plan', 'CHURNED'], schema()).columnIndex).toEqual({ age: 0, plan: 1 });
    expect(planColumns(['AGE', 'age', 'plan', 'churned'], schema()).columnIndex.age).toBe(1);
  });

  it('reports an ambiguous loose match instead of guessing', () => {
    const plan = planColumns(['AGE', 'Age', 'plan', 'churned'], schema());
    expect(plan.ok).toBe(false);
    expect(plan.problems).toEqual([{ kind: 'missing_feature', feature: 'age', message: expect.stringContaining('“AGE”, “Age”') }]);
  });

  it('lets the mapping override name matching, for features and the target', () => {
    const plan = planColumns(['age', 'years', 'tier', 'label'], schema(), { age: 'years', plan: 'tier', churned: 'label' });
    expect(plan).toMatchObject({ ok: true, columnIndex: { age: 1, plan: 2 }, labelIndex: 3 });
  });

  it('says which feature or label is missing and how to fix it', () => {
    const plan = planColumns(['age'], schema(), { age: 'nope' });
    expect(plan.problems.map((p) => [p.kind, p.feature])).toEqual([['missing_feature', 'age'], ['missing_feature', 'plan'], ['missing_label', 'churned']]);
    expect(plan.problems[0]?.message).toMatch(/mapped to the column “nope”, which is not in the file/);
    expect(plan.problems[1]?.message).toMatch(/no column for the feature “plan”.*map the feature/);
  });

  it('needs no label column when there is no output schema', () => {
    expect(planColumns(['age', 'plan'], schema({ outputSchema: null }))).toMatchObject({ ok: true, labelIndex: null, problems: [] });
  });

  it('refuses one column feeding two features, or a feature and the label', () => {
    const twice = planColumns(['x', 'churned'], schema(), { age: 'x', plan: 'x' });
    expect(twice.problems).toEqual([{ kind: 'duplicate_mapping', feature: 'plan', message: expect.stringContaining('“x” is used for both “age” and “plan”') }]);
    const leak = planColumns(['age', 'plan'], schema(), { churned: 'age' });
    expect(leak.problems.map((p) => p.kind)).toEqual(['duplicate_mapping']);
    expect(leak.labelIndex).toBeNull();
  });

  it('flags specs it cannot reproduce', () => {
    const preprocessing = (steps: PreprocessingSpec['steps']): PreprocessingSpec => ({ steps, missingNumeric: { strategy: 'mean' } });
    const header = ['age', 'plan', 'churned', 'other'];
    const kinds = (s: EvaluationSchema) => planColumns(header, s).problems.map((p) => [p.kind, p.feature]);
    // A step on a feature the input schema does not list.
    expect(kinds(schema({ preprocessing: preprocessing([{ feature: 'other', kind: 'passthrough' }]) }))).toEqual([['unsupported_spec', 'other']]);
    // A numeric step on a categorical feature.
    expect(kinds(schema({ preprocessing: preprocessing([{ feature: 'plan', kind: 'standardize', mean: 0, std: 1 }]) }))).toEqual([['unsupported_spec', 'plan']]);
    // A feature listed twice.
    const age = { feature: 'age', kind: 'min_max', min: 0, max: 1 } as const;
    expect(kinds(schema({ preprocessing: preprocessing([age, age]) }))).toEqual([['unsupported_spec', 'age']]);
    // Mean fill on a passthrough feature that may be missing: no training mean was recorded.
    const nullable = schema({ inputSchema: { features: [{ name: 'age', type: 'numeric', allowMissing: true }] }, preprocessing: preprocessing([{ feature: 'age', kind: 'passthrough' }]) });
    expect(planColumns(header, nullable).problems).toEqual([{ kind: 'unsupported_spec', feature: 'age', message: expect.stringMatching(/passthrough step records no mean.*constant fill or drop_row/) }]);
    // The same spec is fine with a constant fill.
    expect(planColumns(header, { ...nullable, preprocessing: { ...nullable.preprocessing!, missingNumeric: { strategy: 'constant', value: 0 } } }).ok).toBe(true);
  });
});
