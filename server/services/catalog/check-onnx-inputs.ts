// Ties an ONNX graph's inputs to the version's input schema and preprocessing, so evaluation knows
// how to feed it: one float matrix input of width N takes the preprocessing spec's N columns (as a
// TF.js model does); one named input per feature takes the raw values, and that mapping is recorded.
import { RAW_CATEGORICAL_TYPE, RAW_NUMERIC_TYPES, type OnnxArtifactInfo, type RawFeatureInputs } from '@/lib/validation/artifact-info';
import { preprocessingWidth, type InputSchema, type PreprocessingSpec } from '@/lib/validation/catalog';
import { ValidationError } from '@/server/errors';

const FLOATS = new Set(['float32', 'float64']);

function fail(rule: string, message: string): never {
  throw new ValidationError(message, { rule });
}

/** null: the graph takes the preprocessed matrix; otherwise the raw-feature mapping to record. */
export function checkOnnxInputs(info: OnnxArtifactInfo, inputSchema: InputSchema | undefined, preprocessing: PreprocessingSpec | undefined): RawFeatureInputs | null {
  const featureNames = new Set((inputSchema?.features ?? []).map((f) => f.name));
  const [only] = info.inputs;
  if (info.inputs.length === 0) fail('onnx_no_inputs', 'The ONNX graph has no inputs (every graph input is an initializer), so there is nothing to feed it.');

  const matrix = info.inputs.length === 1 && only && !featureNames.has(only.name) && only.shape?.length === 2;
  if (matrix && only) {
    if (!FLOATS.has(only.elemType)) fail('onnx_input_type', `The graph's input "${only.name}" is ${only.elemType}; a single-matrix input must be float32 or float64 (the preprocessed features).`);
    const width = only.shape?.[1];
    if (preprocessing && typeof width === 'number' && preprocessingWidth(preprocessing) !== width) {
      fail(
        'onnx_input_width',
        `The graph's input "${only.name}" takes ${width} columns but the preprocessing spec produces ${preprocessingWidth(preprocessing)} (one per numeric feature, one per category for one-hot). Fix the spec to match the columns the model was trained on.`,
      );
    }
    return null;
  }

  // One named input per feature: a pipeline exported with its own column transformer.
  if (preprocessing) {
    fail('onnx_raw_inputs_with_preprocessing', 'The ONNX graph takes each feature as its own named input (it preprocesses inside the graph), so it needs no preprocessing spec: remove it, or export the model with one float matrix input.');
  }
  if (!inputSchema) {
    fail(
      'onnx_raw_inputs_without_schema',
      `The ONNX graph takes ${info.inputs.length} named inputs (${info.inputs.map((i) => `“${i.name}”`).join(', ')}), one per feature, but the version has no input schema to match them with. Give an input schema, or a reference dataset to infer it from.`,
    );
  }
  return rawFeatureInputs(info, inputSchema);
}

/**
 * The mapping of a graph with one named input per feature, checked against the input schema: every
 * input named after a feature, of a type that feature's values can become (float32, float64 or int64
 * for numeric, string for categorical), shaped [N, 1] or [N]. A refusal names every input that does not match.
 */
export function rawFeatureInputs(info: OnnxArtifactInfo, inputSchema: InputSchema): RawFeatureInputs {
  const byName = new Map(inputSchema.features.map((f) => [f.name, f]));
  const mapping: RawFeatureInputs = [];
  const problems: string[] = [];
  const offending: string[] = [];
  for (const input of info.inputs) {
    const feature = byName.get(input.name);
    const problem = !feature
      ? `“${input.name}” is not a feature of the input schema`
      : feature.type === 'numeric' && !(RAW_NUMERIC_TYPES as readonly string[]).includes(input.elemType)
        ? `“${input.name}” is ${input.elemType} but the feature is numeric (float32, float64 or int64 inputs take numbers)`
        : feature.type === 'categorical' && input.elemType !== RAW_CATEGORICAL_TYPE
          ? `“${input.name}” is ${input.elemType} but the feature is categorical (a string input takes its values)`
          : !input.shape || input.shape.length < 1 || input.shape.length > 2 || (input.shape.length === 2 && input.shape[1] !== 1)
            ? `“${input.name}” has the shape ${input.shape ? `[${input.shape.map((d) => d ?? '?').join(', ')}]` : 'unknown'}, not [N, 1] or [N]`
            : null;
    if (problem) {
      problems.push(problem);
      offending.push(input.name);
    } else mapping.push({ feature: input.name, input: input.name, elemType: input.elemType, rank: input.shape!.length as 1 | 2 });
  }
  if (problems.length > 0) {
    const features = [...byName.keys()];
    throw new ValidationError(
      `The ONNX graph takes one named input per feature, and ${problems.length === 1 ? 'one does' : `${problems.length} do`} not match the input schema: ${problems.join('; ')}. ` +
        `Name each graph input after the feature it reads (the schema has ${features.slice(0, 12).join(', ')}${features.length > 12 ? ', …' : ''}), typed and shaped as above.`,
      { rule: 'onnx_raw_input_mismatch', inputs: offending },
    );
  }
  return mapping;
}
