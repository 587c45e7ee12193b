// A first input schema drafted from a reference dataset's profile (the author edits it later), and
// the check that a scoring CSV has the columns a schema expects.
import type { ColumnProfile, Feature, DatasetProfile, InputSchema } from '@/lib/validation/catalog';
import { OTHER_BUCKET } from './profile';

export type InferOptions = { target?: string; exclude?: string[]; maxCategories?: number };

/**
 * Every column except the target and `exclude` becomes a feature. Never throws: an unknown target
 * or excluded name is simply not found (callers report a missing target themselves), and a dataset
 * with no other columns gives an empty feature list, which the input schema validation rejects.
 */
export function inferInputSchema(profile: DatasetProfile, options: InferOptions = {}): InputSchema {
  const maxCategories = options.maxCategories ?? 100;
  const skip = new Set(options.exclude ?? []);
  if (options.target !== undefined) skip.add(options.target);
  return { features: profile.columns.filter((c) => !skip.has(c.name)).map((c) => toFeature(c, maxCategories)) };
}

function toFeature(column: ColumnProfile, maxCategories: number): Feature {
  const allowMissing = column.missingCount > 0;
  if (column.type === 'numeric' && column.numeric) {
    return { name: column.name, type: 'numeric', min: column.numeric.min, max: column.numeric.max, allowMissing };
  }
  const frequencies = column.categorical?.frequencies ?? [];
  const distinct = column.categorical?.distinct ?? 0;
  if (distinct === 0) {
    // No value at all, so no type to infer; a categorical feature must list categories, so call it
    // numeric without bounds and say so, rather than emit a schema that fails validation.
    return { name: column.name, type: 'numeric', allowMissing: true, description: 'Every value is missing in the reference data; the type is a guess.' };
  }
  // The profile appends the overflow bucket last. A real value spelled '(other)' in last place
  // looks the same and is dropped too; the note below then says the list is incomplete.
  const listed = frequencies[frequencies.length - 1]?.value === OTHER_BUCKET ? frequencies.slice(0, -1) : frequencies;
  const categories = listed.map((f) => f.value);
  const notes: string[] = [];
  if (distinct > maxCategories) notes.push(`High cardinality: ${distinct} distinct values in the reference data; consider excluding it or grouping its values.`);
  // The profile keeps only its most frequent values; say so, or unseen-but-real values look unknown.
  if (categories.length < distinct) notes.push(`Lists the ${categories.length} most frequent of ${distinct} values.`);
  const feature: Feature = { name: column.name, type: 'categorical', categories, allowMissing };
  return notes.length > 0 ? { ...feature, description: notes.join(' ') } : feature;
}

/** Schema features the CSV lacks (schema order), and CSV columns that are neither a feature nor the target (CSV order). */
export function checkAgainstSchema(header: string[], schema: InputSchema, target?: string): { missing: string[]; unexpected: string[] } {
  const columns = new Set(header);
  const features = new Set(schema.features.map((f) => f.name));
  return {
    missing: schema.features.map((f) => f.name).filter((name) => !columns.has(name)),
    unexpected: header.filter((name) => !features.has(name) && name !== target),
  };
}
