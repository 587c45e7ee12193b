// Which CSV column feeds each feature a version's preprocessing needs (and which holds the label),
// and whether the recorded spec is one we can reproduce. Isomorphic: the evaluation worker and
// the server both plan before encoding a single row.
import type { RawFeatureInputs } from '@/lib/validation/artifact-info';
import type { InputSchema, OutputSchema, PreprocessingSpec } from '@/lib/validation/catalog';

/**
 * What evaluation needs to feed a version: its input schema and either a preprocessing spec (raw
 * values -> one float matrix) or, for an ONNX graph with one named input per feature, the recorded
 * raw-feature mapping (each feature's raw values to its own graph input; no spec).
 */
export type EvaluationSchema = { inputSchema: InputSchema; outputSchema: OutputSchema | null; preprocessing: PreprocessingSpec | null; rawInputs?: RawFeatureInputs | null };

export type Problem = {
  kind: 'missing_feature' | 'missing_label' | 'duplicate_mapping' | 'unsupported_spec';
  feature?: string;
  message: string;
};

export type ColumnPlan = {
  /** True when there are no problems: every step's feature (and the label, if an output schema was given) has a column. */
  ok: boolean;
  /** Feature name -> index into the CSV header, for the features that resolved. */
  columnIndex: Record<string, number>;
  labelIndex: number | null;
  problems: Problem[];
};

const norm = (name: string) => name.trim().toLowerCase();

/** Exact name first, then trimmed and case-insensitive; an ambiguous loose match is reported, not guessed. */
function findColumn(header: string[], name: string): { index: number } | { candidates: string[] } {
  const exact = header.indexOf(name);
  if (exact >= 0) return { index: exact };
  const loose = header.flatMap((h, i) => (norm(h) === norm(name) ? [i] : []));
  if (loose.length === 1 && loose[0] !== undefined) return { index: loose[0] };
  return { candidates: loose.map((i) => header[i] ?? '') };
}

/**
 * Resolves the columns for `schema` in a file with this header. Callers that only need the
 * tensor (no metrics) pass `outputSchema: null`, so a file without the label column is fine.
 * `mapping` (feature or target name -> CSV column name) overrides the name matching.
 */
export function planColumns(header: string[], schema: EvaluationSchema, mapping: Record<string, string> = {}): ColumnPlan {
  const problems: Problem[] = [];
  const columnIndex: Record<string, number> = {};
  const features = new Map(schema.inputSchema.features.map((f) => [f.name, f]));
  const usedBy = new Map<number, string>(); // column -> the first feature (or label) that took it

  const resolve = (name: string, what: 'feature' | 'label'): number | null => {
    const mapped = mapping[name];
    const found = findColumn(header, mapped ?? name);
    const kind = what === 'feature' ? 'missing_feature' : 'missing_label';
    if ('candidates' in found) {
      const message =
        found.candidates.length > 1
          ? `Several columns match the ${what} “${name}” (${found.candidates.map((c) => `“${c}”`).join(', ')}); map it to one of them.`
          : mapped !== undefined
            ? `The ${what} “${name}” is mapped to the column “${mapped}”, which is not in the file. Pick a column from the file's header.`
            : `The file has no column for the ${what} “${name}”. Add the column, or map the ${what} to a column of the file.`;
      problems.push({ kind, feature: name, message });
      return null;
    }
    const taken = usedBy.get(found.index);
    if (taken !== undefined) {
      const column = header[found.index] ?? '';
      problems.push({ kind: 'duplicate_mapping', feature: name, message: `The column “${column}” is used for both “${taken}” and “${name}”. Map each to its own column.` });
      return null;
    }
    usedBy.set(found.index, name);
    return found.index;
  };

  if (schema.rawInputs) {
    // One graph input per feature: each mapped feature needs its column, nothing else is checked here.
    for (const { feature } of schema.rawInputs) {
      if (!features.has(feature)) {
        problems.push({ kind: 'unsupported_spec', feature, message: `“${feature}”: the graph takes it as an input but the input schema does not list it. Register a version whose graph and schema agree.` });
        continue;
      }
      const index = resolve(feature, 'feature');
      if (index !== null) columnIndex[feature] = index;
    }
    const labelIndex = schema.outputSchema ? resolve(schema.outputSchema.target, 'label') : null;
    return { ok: problems.length === 0, columnIndex, labelIndex, problems };
  }
  if (!schema.preprocessing) {
    problems.push({ kind: 'unsupported_spec', message: 'The version records no preprocessing spec, so its input tensor cannot be built. Add one on the version’s Schema tab.' });
    return { ok: false, columnIndex, labelIndex: null, problems };
  }
  const seen = new Set<string>();
  for (const step of schema.preprocessing.steps) {
    const feature = features.get(step.feature);
    const unsupported = (why: string) => problems.push({ kind: 'unsupported_spec', feature: step.feature, message: `“${step.feature}”: ${why}` });
    if (seen.has(step.feature)) {
      unsupported('the preprocessing lists it twice, so the tensor layout is ambiguous. Register a version that lists each feature once.');
      continue;
    }
    seen.add(step.feature);
    if (!feature) unsupported('the preprocessing uses it but the input schema does not list it. Register a version whose spec and schema agree.');
    else if (step.kind !== 'one_hot' && step.kind !== 'ordinal' && feature.type === 'categorical') {
      unsupported(`a ${step.kind} step needs numbers but the input schema says it is categorical. Register a version whose spec and schema agree.`);
    } else if (step.kind === 'passthrough' && schema.preprocessing.missingNumeric.strategy === 'mean' && feature.allowMissing) {
      // Only standardize records a training mean (min_max falls back to its midpoint); a passthrough
      // step has no statistic to fill with, and inventing one would not reproduce training.
      unsupported('missing values are filled with the training mean, but a passthrough step records no mean. Register the version with a constant fill or drop_row.');
    }
    const index = resolve(step.feature, 'feature');
    if (index !== null) columnIndex[step.feature] = index;
  }

  const labelIndex = schema.outputSchema ? resolve(schema.outputSchema.target, 'label') : null;
  return { ok: problems.length === 0, columnIndex, labelIndex, problems };
}
