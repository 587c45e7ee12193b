// Checks an uploaded ONNX model (one .onnx file plus the external-data files it names) before
// anything is stored. The file is decoded as data with protobufjs and the ONNX schema, after a
// bounded pre-scan of the wire format (nesting depth and message count), and never run.
import { createHash } from 'node:crypto';
import protobuf from 'protobufjs';
import { PayloadTooLargeError, ValidationError } from '@/server/errors';
import type { CheckedArtifact, OnnxArtifactInfo, OnnxValueInfo } from '@/lib/validation/artifact-info';
import { ModelProto } from './onnx-schema';
import { contentDigestOf, plainFileNameProblem, type ArtifactLimits, type UploadedFile } from './validate-tfjs';

export type OnnxLimits = ArtifactLimits & {
  /** Nesting depth of protobuf messages (graphs inside If/Loop attributes, nested types). */
  maxOnnxDepth: number;
  /** Messages in the file (nodes, attributes, tensors, ...): each decodes into a JS object. */
  maxOnnxMessages: number;
};

export const DEFAULT_ONNX_LIMITS: Omit<OnnxLimits, keyof ArtifactLimits> = { maxOnnxDepth: 64, maxOnnxMessages: 1_000_000 };

type OnnxRule =
  | 'onnx_not_protobuf'
  | 'onnx_too_deep'
  | 'onnx_too_many_messages'
  | 'onnx_model_shape'
  | 'onnx_missing_opset'
  | 'onnx_custom_domain'
  | 'onnx_undefined_value'
  | 'onnx_non_tensor_io'
  | 'onnx_bad_external_location'
  | 'onnx_missing_external_file'
  | 'onnx_external_out_of_range'
  | 'multiple_onnx_files'
  | 'missing_onnx_file'
  | 'unused_file'
  | 'bad_file_name'
  | 'duplicate_file'
  | 'no_files'
  | 'too_many_files';

/** Operator set domains ONNX Runtime Web implements; anything else is a custom operator. */
const ALLOWED_DOMAINS = new Set(['', 'ai.onnx', 'ai.onnx.ml']);
const ZIPMAP_HINT =
  "Export the classifier without ZipMap so that probabilities come out as a tensor: with skl2onnx, to_onnx(model, X[:1], options={'zipmap': False}) " +
  "(or convert_sklearn(..., options={id(model): {'zipmap': False}})); with onnxmltools, pass the same option or drop the ZipMap node.";

// TensorProto.DataType: name and bytes per element (0: not fixed-size, cannot live in external data).
const ELEM_TYPES: Record<number, [string, number]> = {
  1: ['float32', 4], 2: ['uint8', 1], 3: ['int8', 1], 4: ['uint16', 2], 5: ['int16', 2], 6: ['int32', 4], 7: ['int64', 8], 8: ['string', 0],
  9: ['bool', 1], 10: ['float16', 2], 11: ['float64', 8], 12: ['uint32', 4], 13: ['uint64', 8], 14: ['complex64', 8], 15: ['complex128', 16], 16: ['bfloat16', 2],
};
const MAX_TEXT = 256;

function fail(rule: OnnxRule, message: string, file?: string): never {
  throw new ValidationError(message, file === undefined ? { rule } : { rule, file });
}

// ---- the wire pre-scan ---------------------------------------------------------------------------

class WireError extends Error {}

/**
 * Walks the protobuf wire format with the schema's message types, before decoding, counting messages
 * and nesting so a small file cannot expand into millions of objects or recurse without end. Groups
 * (wire types 3/4, unused by ONNX) are refused: skipping them recurses in the library.
 */
function prescan(bytes: Uint8Array, limits: OnnxLimits, file: string) {
  const reader = protobuf.Reader.create(bytes);
  let messages = 0;
  const walk = (type: protobuf.Type, end: number, depth: number): void => {
    while (reader.pos < end) {
      const tag = reader.uint32();
      const id = tag >>> 3;
      const wireType = tag & 7;
      if (id === 0) throw new WireError('a field number 0');
      if (wireType === 3 || wireType === 4 || wireType > 5) throw new WireError(`wire type ${wireType}`);
      const field = type.fieldsById[id];
      const sub = field?.resolvedType instanceof protobuf.Type ? field.resolvedType : null;
      if (wireType === 2 && sub) {
        const length = reader.uint32();
        const stop = reader.pos + length;
        if (stop > end) throw new WireError('a message longer than the bytes left');
        if (depth + 1 > limits.maxOnnxDepth) {
          fail('onnx_too_deep', `${file} nests protobuf messages more than ${limits.maxOnnxDepth} levels deep (subgraphs inside subgraphs), far beyond any real model. Re-export the model.`, file);
        }
        messages += 1;
        if (messages > limits.maxOnnxMessages) {
          fail('onnx_too_many_messages', `${file} holds more than ${limits.maxOnnxMessages.toLocaleString('en')} protobuf messages (nodes, attributes, tensors), over the limit for one model.`, file);
        }
        walk(sub, stop, depth + 1);
        if (reader.pos !== stop) throw new WireError('a message that overruns its length');
      } else {
        reader.skipType(wireType);
      }
    }
    if (reader.pos > end) throw new WireError('a field that overruns its message');
  };
  walk(ModelProto, bytes.byteLength, 0);
}

// ---- decoded model (only the parts read here) ----------------------------------------------------

type Entry = { key?: string; value?: string };
type Tensor = { name?: string; dims?: string[]; data_type?: number; data_location?: number; external_data?: Entry[] };
type Dim = { dim_value?: string; dim_param?: string };
type TypeProto = { tensor_type?: { elem_type?: number; shape?: { dim?: Dim[] } }; sequence_type?: unknown; map_type?: unknown; optional_type?: unknown; sparse_tensor_type?: unknown };
type ValueInfo = { name?: string; type?: TypeProto };
type Attribute = { name?: string; t?: Tensor; tensors?: Tensor[]; g?: Graph; graphs?: Graph[] };
type Node = { input?: string[]; output?: string[]; op_type?: string; domain?: string; attribute?: Attribute[] };
type Graph = { node?: Node[]; input?: ValueInfo[]; output?: ValueInfo[]; initializer?: Tensor[]; sparse_initializer?: { values?: Tensor; indices?: Tensor }[] };
type Model = { ir_version?: string; producer_name?: string; producer_version?: string; graph?: Graph; opset_import?: { domain?: string; version?: string }[]; functions?: unknown[] };

function decode(bytes: Uint8Array, limits: OnnxLimits, file: string): Model {
  const notOnnx = (detail: string): never => {
    const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf);
    const hint =
      bytes.byteLength === 0
        ? 'The file is empty.'
        : first === 0x7b
          ? 'It is JSON text (a TensorFlow.js model.json renamed?), not an ONNX protobuf; upload TF.js models as model.json with their shards.'
          : 'The file is truncated or is not an ONNX model.';
    fail('onnx_not_protobuf', `${file} does not parse as an ONNX model (protobuf ModelProto): ${detail}. ${hint}`, file);
  };
  try {
    prescan(bytes, limits, file);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    notOnnx(error instanceof WireError ? `it contains ${error.message}` : 'it ends in the middle of a field');
  }
  try {
    // Passing the pre-scan bounds the work here: depth within protobufjs' own recursion limit, messages counted.
    return ModelProto.toObject(ModelProto.decode(bytes), { longs: String, enums: Number, arrays: true }) as Model;
  } catch (error) {
    return notOnnx(error instanceof Error ? error.message : String(error));
  }
}

// ---- checks ----------------------------------------------------------------------------------------

function int(value: string | undefined): number | null {
  if (value === undefined || !/^-?\d+$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

const text = (value: string | undefined) => (value ?? '').slice(0, MAX_TEXT);

function valueInfo(info: ValueInfo, role: 'input' | 'output', file: string): OnnxValueInfo {
  const name = info.name ?? '';
  const type = info.type ?? {};
  if (!type.tensor_type) {
    const kind = type.sequence_type ? 'a sequence' : type.map_type ? 'a map' : type.optional_type ? 'an optional' : type.sparse_tensor_type ? 'a sparse tensor' : 'not a tensor';
    const zipmap = role === 'output' && (type.sequence_type || type.map_type);
    fail(
      'onnx_non_tensor_io',
      `Graph ${role} "${text(name)}" is ${kind}, not a dense tensor; evaluation needs tensors in and out.` + (zipmap ? ` A classifier's ZipMap output is a sequence of maps. ${ZIPMAP_HINT}` : ''),
      file,
    );
  }
  const elem = type.tensor_type.elem_type ?? 0;
  const dims = type.tensor_type.shape?.dim;
  return {
    name: text(name),
    elemType: ELEM_TYPES[elem]?.[0] ?? `type ${elem}`,
    shape: dims === undefined ? null : dims.map((d) => (d.dim_value !== undefined ? int(d.dim_value) : d.dim_param !== undefined ? text(d.dim_param) : null)),
  };
}

/** Every graph, nested subgraphs (If/Loop/Scan bodies) included, with the names visible from outside it. */
function* graphs(graph: Graph, outer: ReadonlySet<string>): Generator<{ graph: Graph; outer: ReadonlySet<string> }> {
  yield { graph, outer };
  const visible = new Set(outer);
  for (const v of graph.input ?? []) visible.add(v.name ?? '');
  for (const t of graph.initializer ?? []) visible.add(t.name ?? '');
  for (const node of graph.node ?? []) {
    for (const attribute of node.attribute ?? []) {
      for (const sub of [...(attribute.g ? [attribute.g] : []), ...(attribute.graphs ?? [])]) yield* graphs(sub, visible);
    }
    for (const out of node.output ?? []) visible.add(out);
  }
}

function tensorsOf(graph: Graph): Tensor[] {
  const found: Tensor[] = [...(graph.initializer ?? [])];
  for (const sparse of graph.sparse_initializer ?? []) found.push(...[sparse.values, sparse.indices].filter((t): t is Tensor => !!t));
  for (const node of graph.node ?? []) for (const a of node.attribute ?? []) found.push(...(a.t ? [a.t] : []), ...(a.tensors ?? []));
  return found;
}

export function validateOnnxUpload(files: UploadedFile[], limits: OnnxLimits): CheckedArtifact {
  let totalBytes = 0;
  for (const file of files) totalBytes += file.bytes.byteLength;
  if (totalBytes > limits.maxTotalBytes) {
    throw new PayloadTooLargeError(`The upload is ${(totalBytes / 1024 / 1024).toFixed(1)} MiB, over the ${limits.maxTotalBytes / 1024 / 1024} MiB limit for one model version.`, { rule: 'too_large' });
  }
  if (files.length === 0) fail('no_files', 'No files were uploaded. Upload the .onnx file and any external-data files it names.');
  if (files.length > limits.maxFiles) fail('too_many_files', `${files.length} files were uploaded; at most ${limits.maxFiles} are allowed.`);
  const byName = new Map<string, UploadedFile>();
  for (const file of files) {
    const problem = plainFileNameProblem(file.name);
    if (problem) fail('bad_file_name', `The uploaded file name ${JSON.stringify(file.name.slice(0, 80))} is not a plain file name: ${problem}.`, file.name);
    if (byName.has(file.name)) fail('duplicate_file', `"${file.name}" was uploaded more than once. Upload each file exactly once.`, file.name);
    byName.set(file.name, file);
  }
  const onnxFiles = files.filter((f) => f.name.toLowerCase().endsWith('.onnx'));
  if (onnxFiles.length === 0) fail('missing_onnx_file', 'No .onnx file was uploaded. Upload the model as one .onnx file (plus the external-data files it names, if any).');
  if (onnxFiles.length > 1) fail('multiple_onnx_files', `${onnxFiles.map((f) => `"${f.name}"`).join(', ')}: one version holds one ONNX model. Upload one .onnx file.`, onnxFiles[1]!.name);
  const modelFile = onnxFiles[0]!;
  const file = modelFile.name;
  const model = decode(modelFile.bytes, limits, file);

  const irVersion = int(model.ir_version);
  if (irVersion === null || irVersion < 1) fail('onnx_model_shape', `${file} has no ir_version; every ONNX model states the IR version it was written with. Re-export it.`, file);
  const graph = model.graph;
  if (!graph) fail('onnx_model_shape', `${file} has no graph. The file may be truncated or not a model; re-export it.`, file);
  const opsets = (model.opset_import ?? []).map((o) => ({ domain: o.domain ?? '', version: int(o.version) ?? 0 }));
  if (opsets.length === 0) fail('onnx_missing_opset', `${file} imports no operator set (opset_import is empty); the file may be truncated. Re-export it.`, file);
  for (const opset of opsets) {
    if (!ALLOWED_DOMAINS.has(opset.domain)) {
      fail(
        'onnx_custom_domain',
        `${file} imports the operator domain "${text(opset.domain)}": custom operators are not accepted, only ai.onnx and ai.onnx.ml. Export with standard operators only (e.g. torch.onnx.export without custom_opsets; no onnxruntime contrib ops).`,
        file,
      );
    }
  }
  if ((model.functions ?? []).length > 0) {
    fail('onnx_custom_domain', `${file} defines model-local functions (custom operators); only the standard ai.onnx and ai.onnx.ml operators are accepted.`, file);
  }
  const imported = new Set(opsets.map((o) => (o.domain === 'ai.onnx' ? '' : o.domain)));

  let nodeCount = 0;
  const operators = new Set<string>();
  for (const { graph: g, outer } of graphs(graph, new Set())) {
    const defined = new Set(outer);
    for (const v of g.input ?? []) defined.add(v.name ?? '');
    for (const t of g.initializer ?? []) defined.add(t.name ?? '');
    for (const s of g.sparse_initializer ?? []) defined.add(s.values?.name ?? '');
    for (const node of g.node ?? []) {
      nodeCount += 1;
      const domain = node.domain === 'ai.onnx' ? '' : (node.domain ?? '');
      if (!ALLOWED_DOMAINS.has(domain)) {
        fail('onnx_custom_domain', `Node "${text(node.op_type)}" in ${file} is from the domain "${text(domain)}": custom operators are not accepted, only ai.onnx and ai.onnx.ml.`, file);
      }
      operators.add(`${domain || 'ai.onnx'}:${text(node.op_type)}`);
      if (!imported.has(domain)) fail('onnx_missing_opset', `Node "${text(node.op_type)}" uses the domain "${domain || 'ai.onnx'}", which ${file} does not import.`, file);
      for (const input of node.input ?? []) {
        // "" marks an omitted optional input.
        if (input !== '' && !defined.has(input)) {
          fail('onnx_undefined_value', `Node "${text(node.op_type)}" in ${file} reads "${text(input)}", which no graph input, initializer or earlier node defines. The file is truncated or malformed; re-export it.`, file);
        }
      }
      for (const out of node.output ?? []) defined.add(out);
    }
    for (const out of g.output ?? []) {
      if (!defined.has(out.name ?? '')) fail('onnx_undefined_value', `Graph output "${text(out.name)}" of ${file} is not produced by any node or input. The file is truncated or malformed.`, file);
    }
  }

  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const inputs = (graph.input ?? []).filter((v) => !initializerNames.has(v.name ?? '')).map((v) => valueInfo(v, 'input', file));
  if ((graph.output ?? []).length === 0) fail('onnx_model_shape', `${file} has a graph with no outputs. The file may be truncated; re-export it.`, file);
  const outputs = (graph.output ?? []).map((v) => valueInfo(v, 'output', file));
  for (const node of [...graphs(graph, new Set())].flatMap(({ graph: g }) => g.node ?? [])) {
    if (node.op_type === 'ZipMap' && (graph.output ?? []).some((o) => node.output?.includes(o.name ?? ''))) {
      fail('onnx_non_tensor_io', `${file} ends in a ZipMap node, whose output is a sequence of maps, not a tensor. ${ZIPMAP_HINT}`, file);
    }
  }

  // External data: each location a plain uploaded file name, each range inside that file.
  const used = new Set<string>();
  for (const { graph: g } of graphs(graph, new Set())) {
    for (const tensor of tensorsOf(g)) {
      if (tensor.data_location !== 1) continue;
      const entries = new Map((tensor.external_data ?? []).map((e) => [e.key ?? '', e.value ?? '']));
      const name = text(tensor.name);
      const location = entries.get('location');
      if (location === undefined) fail('onnx_bad_external_location', `Tensor "${name}" in ${file} is stored externally but names no location.`, file);
      const problem = plainFileNameProblem(location);
      if (problem) {
        fail(
          'onnx_bad_external_location',
          `Tensor "${name}" in ${file} keeps its data in ${JSON.stringify(location.slice(0, 80))}, which is not a plain file name: ${problem}. External data must be files uploaded next to the .onnx file (onnx.save_model(..., save_as_external_data=True, location="weights.bin")).`,
          file,
        );
      }
      const data = byName.get(location);
      if (!data || data === modelFile) fail('onnx_missing_external_file', `Tensor "${name}" in ${file} keeps its data in "${location}", which was not uploaded. Upload it with the model.`, location);
      const offset = entries.has('offset') ? int(entries.get('offset')) : 0;
      const [, elemBytes = 0] = ELEM_TYPES[tensor.data_type ?? 0] ?? [];
      const elements = (tensor.dims ?? []).reduce<number | null>((n, d) => (n === null || int(d) === null || int(d)! < 0 ? null : n * int(d)!), 1);
      const implied = elements === null || elemBytes === 0 ? null : elements * elemBytes;
      const length = entries.has('length') ? int(entries.get('length')) : implied;
      if (offset === null || offset < 0 || length === null || length < 0 || (implied !== null && length !== implied)) {
        fail('onnx_external_out_of_range', `Tensor "${name}" in ${file} has an external-data offset/length that is not a valid byte range for its type and shape (offset ${text(entries.get('offset'))}, length ${text(entries.get('length'))}).`, location);
      }
      if (offset + length > data.bytes.byteLength) {
        fail('onnx_external_out_of_range', `Tensor "${name}" in ${file} reads bytes ${offset}..${offset + length} of "${location}", but that file is ${data.bytes.byteLength} bytes. The data file is truncated or from another export.`, location);
      }
      used.add(location);
    }
  }
  for (const name of byName.keys()) {
    if (name !== file && !used.has(name)) fail('unused_file', `"${name}" was uploaded but ${file} does not use it as external data. Upload only the .onnx file and the data files it names.`, name);
  }

  const ordered = [modelFile, ...[...used].sort().map((n) => byName.get(n)!)];
  const described = ordered.map((f) => ({
    name: f.name,
    size: f.bytes.byteLength,
    sha256: createHash('sha256').update(f.bytes).digest('hex'),
    role: f === modelFile ? ('model' as const) : ('weights' as const),
    contentType: 'application/octet-stream',
  }));
  const info: OnnxArtifactInfo = {
    kind: 'onnx',
    irVersion,
    producerName: text(model.producer_name),
    producerVersion: text(model.producer_version),
    opsets: opsets.map((o) => ({ domain: o.domain || 'ai.onnx', version: o.version })),
    inputs,
    outputs,
    nodeCount,
    operators: [...operators].sort(),
    externalData: [...used].sort(),
  };
  return { format: 'onnx', files: described, contentDigest: contentDigestOf(described), totalBytes, info };
}
