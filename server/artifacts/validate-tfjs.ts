// Checks an uploaded TensorFlow.js model (model.json + weight shards) before anything is stored.
// The server never loads or executes a model: it reads model.json as data, checks that the manifest
// and the shard files agree exactly, and computes digests. Every refusal names its rule.
import { createHash } from 'node:crypto';
import { PayloadTooLargeError, ValidationError } from '@/server/errors';

export type UploadedFile = { name: string; bytes: Uint8Array };

export type ArtifactLimits = { maxTotalBytes: number; maxModelJsonBytes: number; maxJsonDepth: number; maxFiles: number };

const MiB = 1024 * 1024;
export const DEFAULT_ARTIFACT_LIMITS: ArtifactLimits = {
  maxTotalBytes: 512 * MiB,
  maxModelJsonBytes: 16 * MiB,
  maxJsonDepth: 64,
  maxFiles: 500,
};

export type ValidatedArtifact = {
  format: 'layers-model' | 'graph-model';
  /** model.json first, then the shards in manifest order. */
  files: { name: string; size: number; sha256: string; role: 'model' | 'weights'; contentType: string }[];
  /** sha256 hex over the lines `${name}\t${sha256}\n` of all files sorted by name. */
  contentDigest: string;
  totalBytes: number;
  /** Number of weight tensors in the manifest. */
  weightCount: number;
  inputShapes: (number | null)[][];
  tfjsVersion: string | null;
  generatedBy: string | null;
  convertedBy: string | null;
};

type ArtifactRule =
  | 'no_files'
  | 'too_many_files'
  | 'too_large'
  | 'duplicate_file'
  | 'bad_file_name'
  | 'missing_model_json'
  | 'model_json_too_large'
  | 'model_json_not_utf8'
  | 'model_json_not_json'
  | 'model_json_too_deep'
  | 'model_json_shape'
  | 'bad_manifest_path'
  | 'missing_shard'
  | 'unsupported_dtype'
  | 'shard_size_mismatch'
  | 'unused_file'
  | 'shared_shard';

const MODEL_JSON = 'model.json';
const MAX_NAME_LENGTH = 255;
// Free-text metadata ends up in the registry; a 16 MiB "generatedBy" must not.
const MAX_METADATA_LENGTH = 256;

/** Bytes per element of each dtype TF.js can decode from a shard. `string` is variable-length: refused. */
const DTYPE_BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  uint8: 1,
  int16: 2,
  float16: 2,
  complex64: 8,
};
/** A quantized weight is stored in its quantization dtype, whatever dtype it decodes to. */
const QUANTIZATION_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

function fail(rule: ArtifactRule, message: string, file?: string): never {
  throw new ValidationError(message, file === undefined ? { rule } : { rule, file });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function formatBytes(n: number): string {
  return n >= MiB ? `${(n / MiB).toFixed(1)} MiB` : `${n} bytes`;
}

/**
 * Why `name` is not a plain file name, or null when it is one. TF.js resolves manifest paths
 * relative to model.json's URL, so anything that could climb out of the model's folder, point at
 * another host, or decode into something else (percent-encoding) is refused outright.
 */
export function plainFileNameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_NAME_LENGTH) return `it is longer than ${MAX_NAME_LENGTH} characters`;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'it contains a control character';
  if (/^[a-z][a-z0-9+.-]*:/i.test(name)) return 'it is a URL or drive path (has a scheme like "https:" or "C:")';
  if (name.startsWith('/') || name.startsWith('\\')) return 'it is an absolute path';
  if (name.includes('/') || name.includes('\\')) return 'it contains a directory separator ("/" or "\\")';
  if (name.includes('..')) return 'it contains ".."';
  if (name.startsWith('.')) return 'it starts with "." (hidden or relative name)';
  if (name.includes('%')) return 'it contains "%" (percent-encoding is not allowed)';
  // ":" anywhere else (NTFS streams), and "?"/"#" would change the URL TF.js fetches.
  if (/[:?#]/.test(name)) return 'it contains ":", "?" or "#"';
  return null;
}

/**
 * Maximum nesting depth of JSON text, in one pass and without parsing, so a deeply nested
 * payload is refused before JSON.parse spends stack and memory on it. Brackets inside strings
 * (including escaped quotes) do not count. Malformed text is left for JSON.parse to report.
 */
export function jsonNestingDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++; // skip the escaped character, whatever it is
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth > 0) depth--;
    }
  }
  return max;
}

function readModelJson(file: UploadedFile, limits: ArtifactLimits): Record<string, unknown> {
  if (file.bytes.byteLength > limits.maxModelJsonBytes) {
    fail(
      'model_json_too_large',
      `model.json is ${formatBytes(file.bytes.byteLength)}, over the ${formatBytes(limits.maxModelJsonBytes)} limit. ` +
        'Weights belong in the .bin shards listed in weightsManifest, not inline in model.json; re-export the model with tfjs model.save() or tensorflowjs_converter.',
      MODEL_JSON,
    );
  }
  let text: string;
  try {
    // fatal: refuse invalid UTF-8 rather than silently replacing it; a leading BOM is stripped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    fail('model_json_not_utf8', 'model.json is not valid UTF-8 text. Upload the model.json file exactly as TensorFlow.js wrote it, without re-encoding it.', MODEL_JSON);
  }
  const depth = jsonNestingDepth(text, limits.maxJsonDepth);
  if (depth > limits.maxJsonDepth) {
    fail(
      'model_json_too_deep',
      `model.json nests objects/arrays more than ${limits.maxJsonDepth} levels deep, far beyond any TensorFlow.js model. Upload the model.json written by model.save() or tensorflowjs_converter.`,
      MODEL_JSON,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const trimmed = text.trimStart();
    const hint = trimmed.startsWith('<')
      ? 'It looks like HTML or XML (an error page or a saved web page?), not the model.json TensorFlow.js wrote.'
      : trimmed.length === 0
        ? 'The file is empty.'
        : `The JSON parser said: ${error instanceof Error ? error.message : String(error)}. The file may be truncated or edited by hand.`;
    fail('model_json_not_json', `model.json is not valid JSON. ${hint} Upload the complete model.json from model.save() or tensorflowjs_converter.`, MODEL_JSON);
  }
  if (!isRecord(parsed)) {
    fail('model_json_shape', 'model.json must contain a JSON object with "modelTopology" and "weightsManifest", not an array or a single value.', MODEL_JSON);
  }
  return parsed;
}

/** The Keras model config of a layers model: TF.js writes it directly, the Python converter wraps it in `model_config`. */
function kerasModelConfig(topology: Record<string, unknown>): Record<string, unknown> | null {
  const candidate = isRecord(topology['model_config']) ? topology['model_config'] : topology;
  return typeof candidate['class_name'] === 'string' && candidate['config'] !== undefined ? candidate : null;
}

function detectFormat(model: Record<string, unknown>, topology: Record<string, unknown>): ValidatedArtifact['format'] {
  const looksLayers = kerasModelConfig(topology) !== null;
  const looksGraph = Array.isArray(topology['node']);
  const declared = model['format'];
  if (declared !== undefined && declared !== null) {
    if (declared !== 'layers-model' && declared !== 'graph-model') {
      fail('model_json_shape', `model.json has "format": ${JSON.stringify(declared).slice(0, 60)}; only "layers-model" and "graph-model" are supported.`, MODEL_JSON);
    }
    // A declared format whose topology is the other kind would be misread by every consumer.
    if (declared === 'layers-model' && !looksLayers) {
      fail('model_json_shape', 'model.json says "format": "layers-model" but its modelTopology is not a Keras model config (no "class_name"/"config").', MODEL_JSON);
    }
    if (declared === 'graph-model' && !looksGraph) {
      fail('model_json_shape', 'model.json says "format": "graph-model" but its modelTopology has no "node" array.', MODEL_JSON);
    }
    return declared;
  }
  if (looksLayers) return 'layers-model';
  if (looksGraph) return 'graph-model';
  fail(
    'model_json_shape',
    'Cannot tell the model format: modelTopology is neither a Keras model config ("class_name"/"config") nor a graph ("node" array), and there is no "format" field. Re-export with model.save() or tensorflowjs_converter.',
    MODEL_JSON,
  );
}

type WeightGroup = { paths: string[]; weights: { name: string; shape: number[]; dtype: string; storedDtype: string | null }[] };

/** Structure of weightsManifest, before any rule about paths, dtypes or sizes. */
function readManifest(raw: unknown): WeightGroup[] {
  const shape = (message: string): never =>
    fail('model_json_shape', `model.json "weightsManifest" ${message}. It must be an array of { "paths": [file names], "weights": [{ "name", "shape", "dtype" }] }.`, MODEL_JSON);
  if (!Array.isArray(raw)) shape(raw === undefined ? 'is missing' : 'is not an array');
  return (raw as unknown[]).map((group, g) => {
    if (!isRecord(group)) return shape(`entry ${g} is not an object`);
    const paths = group['paths'];
    const weights = group['weights'];
    if (!Array.isArray(paths) || !paths.every((p): p is string => typeof p === 'string')) return shape(`entry ${g} has no "paths" array of strings`);
    if (!Array.isArray(weights)) return shape(`entry ${g} has no "weights" array`);
    return {
      paths,
      weights: weights.map((weight, w) => {
        const where = `entry ${g}, weight ${w}`;
        if (!isRecord(weight)) return shape(`${where} is not an object`);
        const { name, shape: dims, dtype, quantization } = weight;
        if (typeof name !== 'string') return shape(`${where} has no string "name"`);
        if (typeof dtype !== 'string') return shape(`${where} ("${name}") has no string "dtype"`);
        if (!Array.isArray(dims) || !dims.every((d): d is number => Number.isSafeInteger(d) && (d as number) >= 0)) {
          return shape(`${where} ("${name}") has a "shape" that is not an array of non-negative integers`);
        }
        if (quantization !== undefined && !isRecord(quantization)) return shape(`${where} ("${name}") has a "quantization" that is not an object`);
        const storedDtype = quantization === undefined ? null : quantization['dtype'];
        if (storedDtype !== null && typeof storedDtype !== 'string') return shape(`${where} ("${name}") has no string "quantization.dtype"`);
        return { name, shape: dims, dtype, storedDtype };
      }),
    };
  });
}

function bytesPerElement(weight: WeightGroup['weights'][number]): number {
  const dtypeBytes = DTYPE_BYTES[weight.dtype];
  if (dtypeBytes === undefined) {
    const why = weight.dtype === 'string' ? 'string tensors have no fixed size and cannot be checked against the shards' : 'it is not a TensorFlow.js dtype';
    fail('unsupported_dtype', `Weight "${weight.name}" has dtype "${weight.dtype}", which is not supported (${why}). Supported: ${Object.keys(DTYPE_BYTES).join(', ')}.`, MODEL_JSON);
  }
  if (weight.storedDtype === null) return dtypeBytes;
  const quantizedBytes = QUANTIZATION_BYTES[weight.storedDtype];
  if (quantizedBytes === undefined) {
    fail(
      'unsupported_dtype',
      `Weight "${weight.name}" is quantized as "${weight.storedDtype}", which is not supported. Supported quantization dtypes: ${Object.keys(QUANTIZATION_BYTES).join(', ')}.`,
      MODEL_JSON,
    );
  }
  return quantizedBytes;
}

/** Input shapes as the model declares them; informational, so a malformed entry is skipped, never fatal. */
function readInputShapes(format: ValidatedArtifact['format'], topology: Record<string, unknown>): (number | null)[][] {
  const dim = (d: unknown): number | null | undefined => {
    if (d === null || d === -1 || d === '-1') return null; // unknown size (batch dimension, usually)
    const n = typeof d === 'string' && /^\d+$/.test(d) ? Number(d) : d; // GraphDef JSON writes int64 as strings
    return Number.isSafeInteger(n) && (n as number) >= 0 ? (n as number) : undefined;
  };
  const toShape = (raw: unknown): (number | null)[] | null => {
    if (!Array.isArray(raw)) return null;
    const dims = raw.map(dim);
    return dims.every((d) => d !== undefined) ? (dims as (number | null)[]) : null;
  };

  if (format === 'graph-model') {
    const shapes: (number | null)[][] = [];
    for (const node of topology['node'] as unknown[]) {
      if (!isRecord(node) || node['op'] !== 'Placeholder' || !isRecord(node['attr'])) continue;
      const attr = node['attr']['shape'];
      const tensorShape = isRecord(attr) ? attr['shape'] : undefined;
      if (!isRecord(tensorShape) || tensorShape['unknownRank'] === true) continue; // no shape to report
      // proto3 JSON omits empty repeated fields (a scalar) and zero-valued sizes.
      const dims = Array.isArray(tensorShape['dim']) ? tensorShape['dim'] : [];
      const shape = toShape(dims.map((d) => (isRecord(d) ? (d['size'] ?? 0) : undefined)));
      if (shape) shapes.push(shape);
    }
    return shapes;
  }

  const model = kerasModelConfig(topology);
  const config = model?.['config'];
  // Keras 1 era Sequential configs are the layer array itself.
  const layers = Array.isArray(config) ? config : isRecord(config) && Array.isArray(config['layers']) ? config['layers'] : [];
  const declaredShape = (layer: unknown): (number | null)[] | null => {
    if (!isRecord(layer) || !isRecord(layer['config'])) return null;
    const c = layer['config'];
    // snake_case from Keras/TF.js JSON, camelCase from some TF.js tools, batch_shape from Keras 3.
    return toShape(c['batch_input_shape'] ?? c['batchInputShape'] ?? c['batch_shape']);
  };
  if (model?.['class_name'] === 'Sequential') {
    const first = declaredShape(layers[0]);
    return first ? [first] : [];
  }
  // Functional model: the InputLayers, in the order of config.input_layers when it is given.
  const inputLayers = layers.filter((l): l is Record<string, unknown> => isRecord(l) && l['class_name'] === 'InputLayer');
  const order = isRecord(config) && Array.isArray(config['input_layers']) ? config['input_layers'] : null;
  const ordered = order
    ? order.flatMap((ref) => {
        const name = Array.isArray(ref) ? ref[0] : undefined;
        const layer = inputLayers.find((l) => l['name'] === name || (isRecord(l['config']) && l['config']['name'] === name));
        return layer ? [layer] : [];
      })
    : inputLayers;
  return ordered.flatMap((layer) => {
    const shape = declaredShape(layer);
    return shape ? [shape] : [];
  });
}

function metadataString(value: unknown): string | null {
  return typeof value === 'string' ? value.slice(0, MAX_METADATA_LENGTH) : null;
}

/** The TF.js version that wrote the files, from the converter stamp or the tfjs-layers stamps. */
function readTfjsVersion(model: Record<string, unknown>, topology: Record<string, unknown>): string | null {
  const stamps = [model['convertedBy'], model['generatedBy'], topology['keras_version']];
  for (const stamp of stamps) {
    if (typeof stamp !== 'string') continue;
    const match = /(?:TensorFlow\.js Converter|tfjs-layers)\s+v?(\d+\.\d+\.\d+[\w.+-]*)/i.exec(stamp.slice(0, MAX_METADATA_LENGTH));
    if (match?.[1]) return match[1];
  }
  return null;
}

/** One digest for a whole version: SHA-256 over the sorted `name\tsha256` lines of its files. */
export function contentDigestOf(files: readonly { name: string; sha256: string }[]): string {
  const lines = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${f.name}\t${f.sha256}\n`)
    .join('');
  return sha256Hex(new TextEncoder().encode(lines));
}

export function validateTfjsUpload(files: UploadedFile[], limits: ArtifactLimits = DEFAULT_ARTIFACT_LIMITS): ValidatedArtifact {
  // Size first, from byteLength alone: an oversize upload is refused before any byte is read or hashed.
  let totalBytes = 0;
  for (const file of files) totalBytes += file.bytes.byteLength;
  if (totalBytes > limits.maxTotalBytes) {
    throw new PayloadTooLargeError(
      `The upload is ${formatBytes(totalBytes)}, over the ${formatBytes(limits.maxTotalBytes)} limit for one model version. Quantize the weights (tensorflowjs_converter --quantize_float16 or --quantize_uint8) or upload a smaller model.`,
      { rule: 'too_large' },
    );
  }
  if (files.length === 0) fail('no_files', 'No files were uploaded. Upload model.json together with every weight shard (.bin) it lists.');
  if (files.length > limits.maxFiles) {
    fail('too_many_files', `${files.length} files were uploaded; at most ${limits.maxFiles} are allowed. Re-export with larger shards (tensorflowjs_converter --weight_shard_size_bytes).`);
  }

  const byName = new Map<string, UploadedFile>();
  for (const file of files) {
    const problem = plainFileNameProblem(file.name);
    if (problem) {
      fail('bad_file_name', `The uploaded file name ${JSON.stringify(file.name.slice(0, 80))} is not a plain file name: ${problem}. Upload the files themselves, named as TensorFlow.js wrote them.`, file.name);
    }
    if (byName.has(file.name)) fail('duplicate_file', `"${file.name}" was uploaded more than once. Upload each file exactly once.`, file.name);
    byName.set(file.name, file);
  }

  const modelFile = byName.get(MODEL_JSON);
  if (!modelFile) fail('missing_model_json', 'No file named "model.json" was uploaded. Include the model.json written by model.save() or tensorflowjs_converter, with that exact name.');
  const model = readModelJson(modelFile, limits);

  const topology = model['modelTopology'];
  if (!isRecord(topology)) {
    fail('model_json_shape', `model.json ${topology === undefined ? 'has no' : 'has an invalid'} "modelTopology"; it must be an object describing the model. Re-export with model.save() or tensorflowjs_converter.`, MODEL_JSON);
  }
  const format = detectFormat(model, topology);
  const groups = readManifest(model['weightsManifest']);

  // Paths: plain names only, each listed once, each uploaded.
  const listed = new Set<string>();
  for (const { paths } of groups) {
    for (const path of paths) {
      const problem = path === MODEL_JSON ? 'it is model.json itself' : plainFileNameProblem(path);
      if (problem) {
        fail(
          'bad_manifest_path',
          `weightsManifest lists the path ${JSON.stringify(path.slice(0, 80))}, which is not a plain file name: ${problem}. Shards must be plain file names next to model.json, like "group1-shard1of1.bin".`,
          path.slice(0, MAX_NAME_LENGTH),
        );
      }
      if (listed.has(path)) fail('shared_shard', `weightsManifest lists "${path}" more than once. Each shard file must belong to exactly one place in one weight group.`, path);
      listed.add(path);
    }
  }
  for (const path of listed) {
    if (!byName.has(path)) {
      fail('missing_shard', `weightsManifest lists "${path}" but no such weight file was uploaded. Upload every shard listed in model.json.`, path);
    }
  }

  // Sizes: each group's shards, concatenated, are exactly its weights' bytes, as TF.js reads them.
  // Dtypes of every group are checked before any size, so the reported rule does not depend on group order.
  const expectedBytes = groups.map((group) =>
    group.weights.reduce((sum, weight) => sum + weight.shape.reduce((product, d) => product * d, 1) * bytesPerElement(weight), 0),
  );
  let weightCount = 0;
  for (const [g, group] of groups.entries()) {
    weightCount += group.weights.length;
    const expected = expectedBytes[g] ?? 0;
    const actual = group.paths.reduce((sum, path) => sum + (byName.get(path)?.bytes.byteLength ?? 0), 0);
    if (actual !== expected) {
      const names = group.paths.length > 0 ? group.paths.map((p) => `"${p}"`).join(', ') : '(no files)';
      fail(
        'shard_size_mismatch',
        `Weight group ${g + 1} expects ${expected} bytes from its weights' shapes and dtypes, but its shard files ${names} hold ${actual} bytes. A shard is truncated, from another export, or model.json was edited; upload the files from one export.`,
        group.paths[0],
      );
    }
  }

  for (const name of byName.keys()) {
    if (name !== MODEL_JSON && !listed.has(name)) {
      fail('unused_file', `"${name}" was uploaded but model.json's weightsManifest does not reference it. Upload only model.json and the shards it lists.`, name);
    }
  }

  // Everything checks out: now the hashing, once per file.
  const ordered = [modelFile, ...groups.flatMap((g) => g.paths.map((p) => byName.get(p) as UploadedFile))];
  const described = ordered.map((file) => ({
    name: file.name,
    size: file.bytes.byteLength,
    sha256: sha256Hex(file.bytes),
    role: file === modelFile ? ('model' as const) : ('weights' as const),
    contentType: file === modelFile ? 'application/json' : 'application/octet-stream',
  }));

  return {
    format,
    files: described,
    contentDigest: contentDigestOf(described),
    totalBytes,
    weightCount,
    inputShapes: readInputShapes(format, topology),
    tfjsVersion: readTfjsVersion(model, topology),
    generatedBy: metadataString(model['generatedBy']),
    convertedBy: metadataString(model['convertedBy']),
  };
}
