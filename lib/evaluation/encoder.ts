// The encoder for a version, whichever way it is fed: its preprocessing spec (one float matrix,
// preprocess.ts) or, for an ONNX graph with one named input per feature, its raw-feature mapping
// (raw-inputs.ts). Throws, as createPreprocessor does, when the plan cannot feed the model.
import type { ColumnPlan, EvaluationSchema } from './plan';
import { createPreprocessor, type Preprocessor } from './preprocess';
import { createRawEncoder } from './raw-inputs';

export function createInputEncoder(schema: EvaluationSchema, plan: ColumnPlan): Preprocessor {
  const { rawInputs } = schema;
  if (!rawInputs) return createPreprocessor(schema, plan);
  const blocking = plan.problems.filter((p) => p.kind !== 'missing_label');
  if (blocking.length > 0) throw new Error(blocking.map((p) => p.message).join(' '));
  return createRawEncoder({ ...schema, rawInputs }, plan);
}
