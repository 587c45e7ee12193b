// Ties an ONNX graph's inputs to the version's input schema and preprocessing, so evaluation knows
// how to feed it: one float matrix input of width N takes the preprocessing spec's N columns (as a
// TF.js model does); one named input per feature takes the raw values, and that mapping is recorded.
import type { OnnxArtifactInfo, RawFeatureInputs } from '@/lib/validation/artifact-info';
import { preprocessingWidth, type InputSchema, type PreprocessingSpec } from '@/lib/validation/catalog';
import { ValidationError } from '@/server/errors';

const FLOATS = new Set(['float32', 'float64']);

function fail(rule: string, message: string): never {
  throw new ValidationError(message, { rule });
}

/** null: the graph takes the preprocessed matrix; otherwise the raw-feature mapping to record. */
export function checkOnnxInputs(info: OnnxArtifactInfo, inputSchema: InputSchema | undefined, preprocessing: PreprocessingSpec | undefined): RawFeatureInputs | null {
  const features = inputSchema?.features ?? [];
  const featureNames = new Set(features.map((f) => f.name));
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
  const mapping: RawFeatureInputs = [];
  for (const input of info.inputs) {
    if (inputSchema && !featureNames.has(input.name)) {
      fail('onnx_input_not_in_schema', `The graph's input "${input.name}" is not a feature of the input schema (${[...featureNames].slice(0, 8).join(', ')}${featureNames.size > 8 ? ', …' : ''}). Name each graph input after the column it reads.`);
    }
    if (input.shape && input.shape.length === 2 && input.shape[1] !== 1 && input.shape[1] !== null && typeof input.shape[1] === 'number') {
      fail('onnx_input_width', `The graph's input "${input.name}" takes ${input.shape[1]} columns; a per-feature input takes one column ([N, 1]).`);
    }
    mapping.push({ feature: input.name, input: input.name, elemType: input.elemType });
  }
  return mapping;
}
