// Rules that tie a version's metadata together (zod checks each part; these check them against
// each other and against the model), so evaluation and monitoring can rely on what is recorded.
import type { InputSchema, OutputSchema, PreprocessingSpec, TaskType } from '@/lib/validation/catalog';
import { ValidationError } from '@/server/errors';

export function checkVersionMetadata(
  taskType: TaskType,
  meta: { inputSchema?: InputSchema | null; outputSchema?: OutputSchema | null; preprocessing?: PreprocessingSpec | null },
) {
  const fail = (message: string, field: string) => {
    throw new ValidationError(message, { issues: [{ path: field, message }] });
  };
  const out = meta.outputSchema;
  if (out) {
    const labels = out.classLabels ?? [];
    if (taskType === 'regression' && labels.length > 0) fail('A regression model has a target, not class labels.', 'outputSchema.classLabels');
    if (taskType === 'binary_classification' && labels.length !== 2) fail('A binary classifier lists exactly two class labels.', 'outputSchema.classLabels');
    if (taskType === 'multiclass_classification' && labels.length < 3) fail('A multiclass classifier lists at least three class labels.', 'outputSchema.classLabels');
    if (new Set(labels).size !== labels.length) fail('Class labels must be distinct.', 'outputSchema.classLabels');
    if (out.positiveClass !== undefined && !labels.includes(out.positiveClass)) fail(`The positive class “${out.positiveClass}” is not one of the class labels.`, 'outputSchema.positiveClass');
  }
  const spec = meta.preprocessing;
  if (spec) {
    const seen = new Set<string>();
    for (const step of spec.steps) {
      if (seen.has(step.feature)) fail(`The preprocessing spec lists “${step.feature}” twice.`, 'preprocessing.steps');
      seen.add(step.feature);
    }
    const features = meta.inputSchema?.features;
    if (features) {
      const byName = new Map(features.map((f) => [f.name, f]));
      for (const step of spec.steps) {
        const feature = byName.get(step.feature);
        if (!feature) fail(`The preprocessing spec uses “${step.feature}”, which is not in the input schema.`, 'preprocessing.steps');
        const categorical = step.kind === 'one_hot' || step.kind === 'ordinal';
        if (feature && categorical !== (feature.type === 'categorical')) {
          fail(`“${step.feature}” is ${feature.type} in the input schema but the preprocessing treats it as ${categorical ? 'categorical' : 'numeric'}.`, 'preprocessing.steps');
        }
      }
      if (out && byName.has(out.target)) fail(`The target “${out.target}” cannot also be an input feature.`, 'outputSchema.target');
    }
  }
}
