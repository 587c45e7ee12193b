// The preprocessing spec the server records for a version that has none when it gets a reference
// dataset (at creation or attached later), so a version registered without one can be evaluated
// at once; it is marked derived for its author to review. The derivation itself is
// lib's derivePreprocessing, the same the Schema tab's “Derive from reference data” uses.
import { modelInputWidth } from '@/lib/evaluation/readiness';
import { isRunnableInBrowser, type ArtifactInfo, type RawFeatureInputs } from '@/lib/validation/artifact-info';
import { derivePreprocessing, preprocessingWidth, type DatasetProfile, type InputSchema, type OutputSchema, type PreprocessingSpec, type TaskType } from '@/lib/validation/catalog';
import { ValidationError } from '@/server/errors';
import { checkVersionMetadata } from './check-metadata';
import { checkOnnxInputs } from './check-onnx-inputs';

type Version = {
  format: string;
  artifactInfo: ArtifactInfo | null;
  rawFeatureInputs: RawFeatureInputs | null;
  inputSchema: InputSchema | null | undefined;
  outputSchema: OutputSchema | null | undefined;
  preprocessing: PreprocessingSpec | null | undefined;
  submittedAt?: Date | null;
};

export type Derived = { spec: PreprocessingSpec; notes: string[] } | { spec: null; reason: string };

/**
 * A derived spec when the version can use one and has none; otherwise why not (for the audit row).
 * Never derived: once submitted (the spec is frozen), without an output schema (the target is not
 * known, so the inferred features may include the label), for files never run (format other), for
 * an ONNX graph taking one input per feature, or when the spec's columns do not fit the model's input
 * (an ONNX graph's one float input of width N, or a TF.js model's recorded input width).
 */
export function deriveForVersion(taskType: TaskType, version: Version, profile: DatasetProfile): Derived {
  const { inputSchema, outputSchema } = version;
  if (version.preprocessing) return { spec: null, reason: 'a preprocessing spec is recorded' };
  if (version.submittedAt) return { spec: null, reason: 'the version was submitted for release, so its preprocessing is frozen' };
  if (!inputSchema) return { spec: null, reason: 'no input schema' };
  if (!outputSchema) return { spec: null, reason: 'no output schema: the target column is not known' };
  const info = version.artifactInfo;
  if (!isRunnableInBrowser(version.format)) return { spec: null, reason: 'the files are not run by Modelgate' };
  if (version.rawFeatureInputs?.length) return { spec: null, reason: 'the ONNX graph takes each feature as its own input' };
  const { spec, notes } = derivePreprocessing(inputSchema, profile);
  try {
    // The same rules a spec given by hand meets: features and types as in the input schema, and
    // for an ONNX graph with one float input of width N, exactly N columns.
    checkVersionMetadata(taskType, { inputSchema, outputSchema, preprocessing: spec });
    if (info?.kind === 'onnx') checkOnnxInputs(info, inputSchema, spec);
  } catch (error) {
    if (error instanceof ValidationError) return { spec: null, reason: error.message };
    throw error;
  }
  const width = modelInputWidth(version);
  if (width !== null && width !== preprocessingWidth(spec)) {
    return { spec: null, reason: `the model takes ${width} columns but the spec derived from the reference data produces ${preprocessingWidth(spec)}` };
  }
  return { spec, notes };
}

/** What an audit row says about it: the derived spec and its notes, or why none was derived. */
export function derivedAudit(derived: Derived | null) {
  if (!derived) return {};
  return derived.spec ? { preprocessing: derived.spec, preprocessingDerived: true, preprocessingNotes: derived.notes } : { preprocessingNotDerived: derived.reason };
}
