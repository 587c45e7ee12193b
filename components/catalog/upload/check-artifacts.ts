// A quick check of the chosen files in the browser, so obvious mistakes show before a long upload:
// for TF.js, model.json present and parseable, every weightsManifest path chosen, nothing extra; for
// ONNX, one .onnx file. The server runs the full checks and is the one that decides.

export type ArtifactIssue = { rule: string; message: string; file?: string };
/** `kind`: what the files will be registered as (`other`: stored inert, never run). */
export type ArtifactCheck = { kind: 'tfjs' | 'onnx' | 'other'; issues: ArtifactIssue[]; ordered: File[]; shardPaths: string[] };

const MODEL_JSON = 'model.json';
const MAX_MODEL_JSON_BYTES = 16 * 1024 * 1024;

function manifestPaths(parsed: unknown): string[] | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const manifest = (parsed as Record<string, unknown>)['weightsManifest'];
  if (!Array.isArray(manifest)) return null;
  const paths: string[] = [];
  for (const group of manifest) {
    const groupPaths = typeof group === 'object' && group !== null ? (group as Record<string, unknown>)['paths'] : undefined;
    if (!Array.isArray(groupPaths) || !groupPaths.every((p) => typeof p === 'string')) return null;
    paths.push(...(groupPaths as string[]));
  }
  return paths;
}

function checkOnnxFiles(files: File[], issues: ArtifactIssue[]): ArtifactCheck {
  const models = files.filter((f) => f.name.toLowerCase().endsWith('.onnx'));
  if (models.length > 1) issues.push({ rule: 'multiple_onnx_files', file: models[1]?.name, message: 'One version holds one ONNX model: keep a single .onnx file.' });
  // The .onnx file first, then its external-data files (the server checks that the graph names each).
  return { kind: 'onnx', issues, ordered: [...models, ...files.filter((f) => !models.includes(f))], shardPaths: files.filter((f) => !models.includes(f)).map((f) => f.name) };
}

export async function checkArtifactFiles(files: File[], other = false): Promise<ArtifactCheck> {
  const issues: ArtifactIssue[] = [];
  if (files.length === 0) return { kind: other ? 'other' : 'tfjs', issues: [{ rule: 'no_files', message: 'Add model.json and every weight shard (.bin) it lists, or one .onnx file.' }], ordered: [], shardPaths: [] };

  const byName = new Map<string, File>();
  for (const file of files) {
    if (byName.has(file.name)) issues.push({ rule: 'duplicate_file', file: file.name, message: `“${file.name}” is chosen more than once. Remove the extra copy.` });
    byName.set(file.name, file);
  }
  if (other) return { kind: 'other', issues, ordered: files, shardPaths: [] };
  if (files.some((f) => f.name.toLowerCase().endsWith('.onnx'))) return checkOnnxFiles(files, issues);
  const modelJson = byName.get(MODEL_JSON);
  if (!modelJson) {
    issues.push({
      rule: 'missing_model_json',
      message: 'There is no model.json (TensorFlow.js) or .onnx file. Add the model.json written by model.save() or tensorflowjs_converter, or an ONNX export; for any other format, tick “Other format”.',
    });
    return { kind: 'tfjs', issues, ordered: files, shardPaths: [] };
  }
  if (modelJson.size > MAX_MODEL_JSON_BYTES) {
    issues.push({ rule: 'model_json_too_large', file: MODEL_JSON, message: 'model.json is over 16 MiB. Weights belong in the .bin shards, not inline in model.json.' });
    return { kind: 'tfjs', issues, ordered: files, shardPaths: [] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await modelJson.text());
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    issues.push({ rule: 'model_json_not_json', file: MODEL_JSON, message: `model.json is not valid JSON (${detail}). It may be truncated or edited by hand.` });
    return { kind: 'tfjs', issues, ordered: files, shardPaths: [] };
  }
  const paths = manifestPaths(parsed);
  if (!paths) {
    issues.push({ rule: 'model_json_shape', file: MODEL_JSON, message: 'model.json has no valid “weightsManifest” (an array of groups, each with a “paths” list of file names).' });
    return { kind: 'tfjs', issues, ordered: files, shardPaths: [] };
  }
  for (const path of paths) {
    if (!byName.has(path)) issues.push({ rule: 'missing_shard', file: path, message: `model.json lists “${path}”, but it is not among the chosen files.` });
  }
  const listed = new Set(paths);
  for (const name of byName.keys()) {
    if (name !== MODEL_JSON && !listed.has(name)) issues.push({ rule: 'unused_file', file: name, message: `“${name}” is not listed in model.json’s weightsManifest. Remove it.` });
  }
  // model.json first, then the shards in manifest order, then anything else (already flagged).
  const ordered = [modelJson, ...paths.flatMap((p) => byName.get(p) ?? []), ...[...byName.values()].filter((f) => f !== modelJson && !listed.has(f.name))];
  return { kind: 'tfjs', issues, ordered, shardPaths: paths };
}
