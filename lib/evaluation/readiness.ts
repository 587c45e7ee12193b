// What a version needs recorded before it can be evaluated (in the browser, and verified by the
// server), in one place: the Evaluate page's blocker, the Schema tab and the server's refusal all
// name the same missing parts and send people to the same place to add them.
import type { ArtifactInfo } from '@/lib/validation/artifact-info';
import type { InputSchema, OutputSchema, PreprocessingSpec } from '@/lib/validation/catalog';

export const EVALUATION_NEEDS = ['model_file', 'input_schema', 'output_schema', 'preprocessing'] as const;
export type EvaluationNeed = (typeof EVALUATION_NEEDS)[number];

export const EVALUATION_NEED_LABELS: Record<EvaluationNeed, string> = {
  model_file: 'model file',
  input_schema: 'input schema',
  output_schema: 'output schema (target and class labels)',
  preprocessing: 'preprocessing spec',
};

type VersionLike = {
  format: string;
  files: { name: string }[];
  inputSchema: InputSchema | null;
  outputSchema: OutputSchema | null;
  preprocessing: PreprocessingSpec | null;
  /** An ONNX graph with one named input per feature takes raw values: it needs no preprocessing spec. */
  rawFeatureInputs?: unknown[] | null;
};

/** The model file the runtime loads: model.json for TF.js, the .onnx file for ONNX. */
function hasModelFile(v: VersionLike): boolean {
  if (v.format === 'onnx') return v.files.some((f) => f.name.toLowerCase().endsWith('.onnx'));
  return v.files.some((f) => f.name === 'model.json');
}

/** Whether the version feeds its model through a preprocessing spec (every runnable format except per-feature ONNX graphs). */
export function needsPreprocessing(v: Pick<VersionLike, 'rawFeatureInputs'>): boolean {
  return !(v.rawFeatureInputs && v.rawFeatureInputs.length > 0);
}

/** What the version lacks for an evaluation, in EVALUATION_NEEDS order; empty when it has everything. */
export function missingForEvaluation(v: VersionLike): EvaluationNeed[] {
  const missing: EvaluationNeed[] = [];
  if (!hasModelFile(v)) missing.push('model_file');
  if (!v.inputSchema) missing.push('input_schema');
  if (!v.outputSchema) missing.push('output_schema');
  if (!v.preprocessing && needsPreprocessing(v)) missing.push('preprocessing');
  return missing;
}

function listOf(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The version's Schema tab, where every part evaluation needs is shown and added. */
export const schemaTabHref = (modelId: string, version: number) => `/models/${modelId}/versions/${version}?tab=schema`;

/** “v3 cannot be evaluated: it has no preprocessing spec.” plus where to add it (none for a missing model file: that takes a new version). */
export function evaluationRefusal(version: number, missing: EvaluationNeed[]): { message: string; fix: string } {
  const message = `v${version} cannot be evaluated: it has no ${listOf(missing.map((m) => EVALUATION_NEED_LABELS[m]))} recorded.`;
  const addable = missing.filter((m) => m !== 'model_file');
  const fix =
    addable.length === 0
      ? 'Its files cannot change: register a new version with the model file.'
      : `Add the ${listOf(addable.map((m) => EVALUATION_NEED_LABELS[m]))} on the version’s Schema tab.`;
  return { message, fix };
}

/**
 * Columns the model takes when it is fed one preprocessed matrix whose width is recorded (an ONNX
 * graph's one float input [N, n], a TF.js model's one input [null, n]); null when not known.
 */
export function modelInputWidth(v: { artifactInfo: ArtifactInfo | null; rawFeatureInputs?: unknown[] | null }): number | null {
  const info = v.artifactInfo;
  if (!info || !needsPreprocessing(v)) return null;
  const shapes = info.kind === 'onnx' ? info.inputs.map((i) => i.shape ?? []) : info.kind === 'tfjs' ? info.inputShapes : [];
  const [only, ...others] = shapes;
  const width = others.length === 0 && only?.length === 2 ? only[1] : null;
  return typeof width === 'number' ? width : null;
}
