// Validation of uploaded TensorFlow.js artifacts: real TF.js-shaped fixtures built in code, every rule refused.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PayloadTooLargeError, ValidationError } from '@/server/errors';
import { DEFAULT_ARTIFACT_LIMITS, jsonNestingDepth, plainFileNameProblem, validateTfjsUpload, type UploadedFile } from './validate-tfjs';

// Counts hashing so the oversize test can prove nothing was hashed before the refusal.
const hashing = vi.hoisted(() => ({ calls: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    createHash: (...args: Parameters<typeof actual.createHash>) => {
      hashing.calls++;
      return actual.createHash(...args);
    },
  };
});

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const encode = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
/** Deterministic, distinct-looking bytes standing in for weight data. */
const bytesOf = (size: number, seed = 1) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed * 7) & 0xff);

type Json = Record<string, unknown>;

/** What tfjs-layers model.save() writes for Sequential([Dense(8, inputShape: [4]), Dense(2)]). */
function layersModelJson(overrides: Json = {}): Json {
  return {
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'sequential_1',
        layers: [
          {
            class_name: 'Dense',
            config: {
              units: 8,
              activation: 'relu',
              use_bias: true,
              kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } },
              bias_initializer: { class_name: 'Zeros', config: {} },
              name: 'dense_Dense1',
              trainable: true,
              batch_input_shape: [null, 4],
              dtype: 'float32',
            },
          },
          { class_name: 'Dense', config: { units: 2, activation: 'linear', use_bias: true, name: 'dense_Dense2', trainable: true } },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of1.bin'],
        weights: [
          { name: 'dense_Dense1/kernel', shape: [4, 8], dtype: 'float32' },
          { name: 'dense_Dense1/bias', shape: [8], dtype: 'float32' },
          { name: 'dense_Dense2/kernel', shape: [8, 2], dtype: 'float32' },
          { name: 'dense_Dense2/bias', shape: [2], dtype: 'float32' },
        ],
      },
    ],
    ...overrides,
  };
}
const LAYERS_WEIGHT_BYTES = (32 + 8 + 16 + 2) * 4; // 232

function layersUpload(json: Json = layersModelJson()): UploadedFile[] {
  return [
    { name: 'model.json', bytes: encode(json) },
    { name: 'group1-shard1of1.bin', bytes: bytesOf(LAYERS_WEIGHT_BYTES) },
  ];
}

/** The same model split by the converter into two groups: a two-shard group and a quantized one. */
function shardedQuantizedUpload(): UploadedFile[] {
  const json = layersModelJson({
    weightsManifest: [
      {
        paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
        weights: [
          { name: 'dense_Dense1/kernel', shape: [4, 8], dtype: 'float32' }, // 128 bytes
          { name: 'dense_Dense1/bias', shape: [8], dtype: 'float32' }, // 32 bytes
        ],
      },
      {
        paths: ['group2-shard1of1.bin'],
        weights: [
          { name: 'dense_Dense2/kernel', shape: [8, 2], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.0039, min: -0.5 } }, // 16
          { name: 'dense_Dense2/bias', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' } }, // 4
          { name: 'step', shape: [], dtype: 'int32', quantization: { dtype: 'uint16', scale: 1, min: 0 } }, // 2
        ],
      },
    ],
  });
  return [
    { name: 'model.json', bytes: encode(json) },
    { name: 'group1-shard1of2.bin', bytes: bytesOf(100, 2) },
    { name: 'group1-shard2of2.bin', bytes: bytesOf(60, 3) },
    { name: 'group2-shard1of1.bin', bytes: bytesOf(22, 4) },
  ];
}

/** What tensorflowjs_converter writes for a SavedModel computing x·W + b with a [-1, 4] input. */
function graphModelJson(overrides: Json = {}): Json {
  const placeholder = (name: string, dims: Json[]) => ({
    name,
    op: 'Placeholder',
    attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: dims } } },
  });
  return {
    format: 'graph-model',
    generatedBy: '2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.17.0',
    signature: { inputs: { 'x:0': { name: 'x:0', dtype: 'DT_FLOAT' } } },
    modelTopology: {
      node: [
        { name: 'StatefulPartitionedCall/dense/MatMul/ReadVariableOp', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '4' }, { size: '2' }] } } } } },
        { name: 'StatefulPartitionedCall/dense/BiasAdd/ReadVariableOp', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '2' }] } } } } },
        placeholder('x', [{ size: '-1' }, { size: '4' }]),
        placeholder('mask', [{ size: '-1' }, {}]), // proto3 JSON omits a zero size
        { name: 'StatefulPartitionedCall/dense/MatMul', op: 'MatMul', input: ['x', 'StatefulPartitionedCall/dense/MatMul/ReadVariableOp'], attr: { T: { type: 'DT_FLOAT' } } },
        { name: 'Identity', op: 'Identity', input: ['StatefulPartitionedCall/dense/MatMul'], attr: { T: { type: 'DT_FLOAT' } } },
      ],
      library: {},
      versions: { producer: 1645 },
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of1.bin'],
        weights: [
          { name: 'StatefulPartitionedCall/dense/MatMul/ReadVariableOp', shape: [4, 2], dtype: 'float32' },
          { name: 'StatefulPartitionedCall/dense/BiasAdd/ReadVariableOp', shape: [2], dtype: 'float32' },
          { name: 'flag', shape: [1], dtype: 'bool' },
        ],
      },
    ],
    ...overrides,
  };
}

function graphUpload(json: Json = graphModelJson()): UploadedFile[] {
  return [
    { name: 'model.json', bytes: encode(json) },
    { name: 'group1-shard1of1.bin', bytes: bytesOf(8 * 4 + 2 * 4 + 1) },
  ];
}

/** Asserts the upload is refused with a ValidationError for `rule` (and `file`, when given). */
function expectRefused(files: UploadedFile[], rule: string, file?: string, limits = DEFAULT_ARTIFACT_LIMITS): ValidationError {
  let caught: unknown;
  try {
    validateTfjsUpload(files, limits);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected rule ${rule}`).toBeInstanceOf(ValidationError);
  const error = caught as ValidationError;
  expect(error.details?.['rule']).toBe(rule);
  if (file !== undefined) expect(error.details?.['file']).toBe(file);
  expect(error.message.length).toBeGreaterThan(30); // says what failed and how to fix it
  return error;
}

/** The layers upload with a different manifest path for its only shard (the real shard stays uploaded). */
function withShardPath(path: string): UploadedFile[] {
  const json = layersModelJson();
  const [group] = json['weightsManifest'] as Json[];
  (group as Json)['paths'] = [path];
  return layersUpload(json);
}

describe('validateTfjsUpload: accepted uploads', () => {
  it('describes a tfjs-layers model.save() export', () => {
    const files = layersUpload();
    const result = validateTfjsUpload(files);

    expect(result.format).toBe('layers-model');
    expect(result.files).toEqual([
      { name: 'model.json', size: files[0]!.bytes.byteLength, sha256: sha256(files[0]!.bytes), role: 'model', contentType: 'application/json' },
      { name: 'group1-shard1of1.bin', size: LAYERS_WEIGHT_BYTES, sha256: sha256(files[1]!.bytes), role: 'weights', contentType: 'application/octet-stream' },
    ]);
    const lines = [...result.files]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((f) => `${f.name}\t${f.sha256}\n`)
      .join('');
    expect(result.contentDigest).toBe(sha256(lines));
    expect(result.totalBytes).toBe(files[0]!.bytes.byteLength + LAYERS_WEIGHT_BYTES);
    expect(result.weightCount).toBe(4);
    expect(result.inputShapes).toEqual([[null, 4]]);
    expect(result.generatedBy).toBe('TensorFlow.js tfjs-layers v4.22.0');
    expect(result.convertedBy).toBeNull();
    expect(result.tfjsVersion).toBe('4.22.0');
  });

  it('hashes each file once, plus the content digest (so the "nothing hashed" checks below can fail)', () => {
    const before = hashing.calls;
    validateTfjsUpload(shardedQuantizedUpload());
    expect(hashing.calls - before).toBe(5);
  });

  it('gives the same contentDigest and file order whatever the upload order', () => {
    const files = shardedQuantizedUpload();
    const forward = validateTfjsUpload(files);
    const reversed = validateTfjsUpload([...files].reverse());
    expect(reversed.contentDigest).toBe(forward.contentDigest);
    expect(reversed.files.map((f) => f.name)).toEqual(['model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin', 'group2-shard1of1.bin']);
  });

  it('changes contentDigest when any byte of any file changes', () => {
    const files = layersUpload();
    const before = validateTfjsUpload(files).contentDigest;
    const shard = files[1]!.bytes.slice();
    shard[17] = (shard[17]! + 1) & 0xff;
    const after = validateTfjsUpload([files[0]!, { name: files[1]!.name, bytes: shard }]).contentDigest;
    expect(after).not.toBe(before);
  });

  it('sizes multi-shard groups as one concatenation and quantized weights by their stored dtype', () => {
    const files = shardedQuantizedUpload();
    const result = validateTfjsUpload(files);
    expect(result.weightCount).toBe(5);
    expect(result.files.map((f) => [f.name, f.size, f.sha256, f.role])).toEqual([
      ['model.json', files[0]!.bytes.byteLength, sha256(files[0]!.bytes), 'model'],
      ['group1-shard1of2.bin', 100, sha256(files[1]!.bytes), 'weights'],
      ['group1-shard2of2.bin', 60, sha256(files[2]!.bytes), 'weights'],
      ['group2-shard1of1.bin', 22, sha256(files[3]!.bytes), 'weights'],
    ]);
  });

  it('describes a converted graph model from its Placeholder nodes', () => {
    const result = validateTfjsUpload(graphUpload());
    expect(result.format).toBe('graph-model');
    expect(result.inputShapes).toEqual([
      [null, 4],
      [null, 0],
    ]);
    expect(result.weightCount).toBe(3);
    expect(result.generatedBy).toBe('2.15.0');
    expect(result.convertedBy).toBe('TensorFlow.js Converter v4.17.0');
    expect(result.tfjsVersion).toBe('4.17.0');
  });

  it('infers the format when the "format" field is absent', () => {
    const layers = layersModelJson();
    delete layers['format'];
    expect(validateTfjsUpload(layersUpload(layers)).format).toBe('layers-model');
    const graph = graphModelJson();
    delete graph['format'];
    expect(validateTfjsUpload(graphUpload(graph)).format).toBe('graph-model');
  });

  it('reads a Python converter export: model_config wrapper, InputLayer, functional input order', () => {
    const json = {
      format: 'layers-model',
      generatedBy: 'keras v2.15.0',
      convertedBy: 'TensorFlow.js Converter v4.20.0',
      modelTopology: {
        keras_version: '2.15.0',
        backend: 'tensorflow',
        model_config: {
          class_name: 'Functional',
          config: {
            name: 'two_inputs',
            layers: [
              { class_name: 'InputLayer', name: 'a', config: { batch_input_shape: [null, 3], dtype: 'float32', name: 'a' }, inbound_nodes: [] },
              { class_name: 'InputLayer', name: 'b', config: { batch_input_shape: [null, 28, 28, 1], dtype: 'float32', name: 'b' }, inbound_nodes: [] },
            ],
            input_layers: [
              ['b', 0, 0],
              ['a', 0, 0],
            ],
            output_layers: [['a', 0, 0]],
          },
        },
      },
      weightsManifest: [],
    };
    const result = validateTfjsUpload([{ name: 'model.json', bytes: encode(json) }]);
    expect(result.format).toBe('layers-model');
    expect(result.inputShapes).toEqual([
      [null, 28, 28, 1],
      [null, 3],
    ]);
    expect(result.files).toHaveLength(1);
    expect(result.weightCount).toBe(0);
    expect(result.tfjsVersion).toBe('4.20.0');
  });

  it('accepts camelCase batchInputShape and leaves inputShapes empty when no shape is declared', () => {
    const json = layersModelJson();
    const layers = ((json['modelTopology'] as Json)['config'] as Json)['layers'] as { config: Json }[];
    delete layers[0]!.config['batch_input_shape'];
    expect(validateTfjsUpload(layersUpload(json)).inputShapes).toEqual([]);
    layers[0]!.config['batchInputShape'] = [16, 4];
    expect(validateTfjsUpload(layersUpload(json)).inputShapes).toEqual([[16, 4]]);
  });

  it('accepts a model.json that starts with a UTF-8 byte order mark', () => {
    const [model, shard] = layersUpload();
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...model!.bytes]);
    const result = validateTfjsUpload([{ name: 'model.json', bytes: withBom }, shard!]);
    expect(result.files[0]!.sha256).toBe(sha256(withBom)); // digests cover the bytes as uploaded
  });

  it('does not count brackets inside strings, escaped quotes included, toward the depth limit', () => {
    const json = layersModelJson({ userDefinedMetadata: { note: `a "quoted" ${'[{'.repeat(200)} \\" ${'['.repeat(200)}` } });
    expect(() => validateTfjsUpload(layersUpload(json))).not.toThrow();
  });
});

describe('validateTfjsUpload: refused uploads', () => {
  let hashingBefore = 0;
  beforeEach(() => {
    hashingBefore = hashing.calls;
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('too_large: refuses before reading or hashing a single byte (PayloadTooLargeError)', () => {
    // Bytes that throw on any access except byteLength: the only thing the size check may look at.
    const untouchable = (size: number) =>
      new Proxy(new Uint8Array(0), {
        get(_target, property) {
          if (property === 'byteLength') return size;
          throw new Error(`read ${String(property)} of an oversize upload`);
        },
      });
    const files = [
      { name: 'model.json', bytes: untouchable(2_000) },
      { name: 'group1-shard1of1.bin', bytes: untouchable(DEFAULT_ARTIFACT_LIMITS.maxTotalBytes) },
    ];
    hashingBefore = hashing.calls;
    let caught: unknown;
    try {
      validateTfjsUpload(files);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PayloadTooLargeError);
    expect((caught as PayloadTooLargeError).details).toEqual({ rule: 'too_large' });
    expect(hashing.calls).toBe(hashingBefore);
  });

  it('too_large: honours a custom maxTotalBytes, and the limit itself is allowed', () => {
    const files = layersUpload();
    const total = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
    const parse = vi.spyOn(JSON, 'parse');
    expect(() => validateTfjsUpload(files, { ...DEFAULT_ARTIFACT_LIMITS, maxTotalBytes: total - 1 })).toThrow(PayloadTooLargeError);
    expect(parse).not.toHaveBeenCalled();
    expect(hashing.calls).toBe(hashingBefore);
    expect(validateTfjsUpload(files, { ...DEFAULT_ARTIFACT_LIMITS, maxTotalBytes: total }).totalBytes).toBe(total);
  });

  it('no_files', () => {
    expectRefused([], 'no_files');
  });

  it('too_many_files', () => {
    const files = [...layersUpload(), { name: 'notes.txt', bytes: bytesOf(3) }];
    expectRefused(files, 'too_many_files', undefined, { ...DEFAULT_ARTIFACT_LIMITS, maxFiles: 2 });
  });

  it('duplicate_file', () => {
    const files = layersUpload();
    expectRefused([...files, files[1]!], 'duplicate_file', 'group1-shard1of1.bin');
  });

  it.each(['../model.json', 'weights/group1-shard1of1.bin', '.DS_Store', 'C:\\model.json', '', 'a%20b.bin'])('bad_file_name: %j', (name) => {
    expectRefused([...layersUpload(), { name, bytes: bytesOf(4) }], 'bad_file_name', name);
  });

  it('missing_model_json (the name is exact)', () => {
    const [model, shard] = layersUpload();
    expectRefused([shard!], 'missing_model_json');
    expectRefused([{ name: 'Model.json', bytes: model!.bytes }, shard!], 'missing_model_json');
  });

  it('model_json_too_large', () => {
    const files = layersUpload();
    expectRefused(files, 'model_json_too_large', 'model.json', { ...DEFAULT_ARTIFACT_LIMITS, maxModelJsonBytes: files[0]!.bytes.byteLength - 1 });
  });

  it('model_json_not_utf8', () => {
    const [model, shard] = layersUpload();
    const latin1 = new Uint8Array([...model!.bytes.subarray(0, 20), 0xe9, ...model!.bytes.subarray(20)]);
    expectRefused([{ name: 'model.json', bytes: latin1 }, shard!], 'model_json_not_utf8', 'model.json');
    expectRefused([{ name: 'model.json', bytes: new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]) }, shard!], 'model_json_not_utf8');
  });

  it('model_json_too_deep: refuses a JSON bomb without parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const bomb = new TextEncoder().encode('['.repeat(100_000) + ']'.repeat(100_000));
    expectRefused([{ name: 'model.json', bytes: bomb }], 'model_json_too_deep', 'model.json');
    expect(parse).not.toHaveBeenCalled();
    // Just over the limit, inside an otherwise real model.json.
    const nested = layersModelJson({ userDefinedMetadata: JSON.parse('{"a":'.repeat(64) + '1' + '}'.repeat(64)) as unknown });
    expectRefused(layersUpload(nested), 'model_json_too_deep');
  });

  it('model_json_not_json: an HTML page named model.json', () => {
    const html = new TextEncoder().encode('<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n');
    const error = expectRefused([{ name: 'model.json', bytes: html }, layersUpload()[1]!], 'model_json_not_json', 'model.json');
    expect(error.message).toMatch(/HTML/);
  });

  it('model_json_not_json: truncated or empty', () => {
    const [model, shard] = layersUpload();
    const truncated = model!.bytes.subarray(0, Math.floor(model!.bytes.byteLength / 2));
    expectRefused([{ name: 'model.json', bytes: truncated }, shard!], 'model_json_not_json');
    expectRefused([{ name: 'model.json', bytes: new Uint8Array(0) }, shard!], 'model_json_not_json');
  });

  it.each<[string, unknown]>([
    ['an array', [layersModelJson()]],
    ['a string', 'model'],
    ['null', null],
    ['no modelTopology', { ...layersModelJson(), modelTopology: undefined }],
    ['a modelTopology that is a string', layersModelJson({ modelTopology: '{"class_name":"Sequential"}' })],
    ['no weightsManifest', { ...layersModelJson(), weightsManifest: undefined }],
    ['a weightsManifest object', layersModelJson({ weightsManifest: { paths: ['group1-shard1of1.bin'], weights: [] } })],
    ['a group without weights', layersModelJson({ weightsManifest: [{ paths: ['group1-shard1of1.bin'] }] })],
    ['a non-string path', layersModelJson({ weightsManifest: [{ paths: [1], weights: [] }] })],
    ['an unknown format', layersModelJson({ format: 'tfjs-magic' })],
    ['a format contradicting the topology', graphModelJson({ format: 'layers-model' })],
    ['an unrecognisable topology and no format', layersModelJson({ format: undefined, modelTopology: { layers: [] } })],
    ['a negative dimension', layersModelJson({ weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', shape: [-1, 58], dtype: 'float32' }] }] })],
    ['a fractional dimension', layersModelJson({ weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', shape: [2.5], dtype: 'float32' }] }] })],
    ['a missing shape', layersModelJson({ weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', dtype: 'float32' }] }] })],
    ['a weight without a dtype', layersModelJson({ weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', shape: [58] }] }] })],
  ])('model_json_shape: %s', (_label, json) => {
    const [, shard] = layersUpload();
    expectRefused([{ name: 'model.json', bytes: encode(json) }, shard!], 'model_json_shape', 'model.json');
  });

  it.each([
    '../evil.bin',
    '..\\evil.bin',
    '%2e%2e%2fevil.bin',
    'group1%2dshard1of1.bin',
    '/etc/passwd',
    '\\\\server\\share\\w.bin',
    'C:\\x.bin',
    'c:x.bin',
    'https://evil.example/w.bin',
    'HTTP://evil.example/w.bin',
    'file:///etc/passwd',
    'data:application/octet-stream;base64,AAAA',
    'shards/group1-shard1of1.bin',
    './group1-shard1of1.bin',
    '.hidden.bin',
    '..',
    'w..bin',
    'group1-shard1of1.bin\u0000.txt',
    'group1\nshard.bin',
    'w.bin?v=2',
    'w.bin#frag',
    'model.json',
    '',
    `${'a'.repeat(252)}.bin`,
  ])('bad_manifest_path: %j', (path) => {
    const error = expectRefused(withShardPath(path), 'bad_manifest_path');
    expect(error.details?.['file']).toBe(path.slice(0, 255));
  });

  it('accepts a manifest path of exactly 255 characters', () => {
    const name = `${'a'.repeat(251)}.bin`;
    const [model] = withShardPath(name);
    expect(validateTfjsUpload([model!, { name, bytes: bytesOf(LAYERS_WEIGHT_BYTES) }]).files[1]!.name).toBe(name);
  });

  it('missing_shard', () => {
    const [model] = layersUpload();
    expectRefused([model!], 'missing_shard', 'group1-shard1of1.bin');
    const [, ...shards] = shardedQuantizedUpload();
    expectRefused([shardedQuantizedUpload()[0]!, ...shards.filter((f) => f.name !== 'group1-shard2of2.bin')], 'missing_shard', 'group1-shard2of2.bin');
  });

  it.each<[string, Json]>([
    ['string', { name: 'vocab', shape: [58], dtype: 'string' }],
    ['float64', { name: 'w', shape: [29], dtype: 'float64' }],
    ['an unknown quantization dtype', { name: 'w', shape: [58, 4], dtype: 'float32', quantization: { dtype: 'int4', scale: 1, min: 0 } }],
  ])('unsupported_dtype: %s', (_label, weight) => {
    const json = layersModelJson({ weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [weight] }] });
    expectRefused(layersUpload(json), 'unsupported_dtype', 'model.json');
  });

  it('unsupported_dtype is reported before a size mismatch in an earlier group', () => {
    const json = layersModelJson({
      weightsManifest: [
        { paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', shape: [1], dtype: 'float32' }] },
        { paths: [], weights: [{ name: 'vocab', shape: [0], dtype: 'string' }] },
      ],
    });
    expectRefused(layersUpload(json), 'unsupported_dtype');
  });

  it('shard_size_mismatch: a shard one byte short, or one byte long', () => {
    const [model] = layersUpload();
    expectRefused([model!, { name: 'group1-shard1of1.bin', bytes: bytesOf(LAYERS_WEIGHT_BYTES - 1) }], 'shard_size_mismatch', 'group1-shard1of1.bin');
    expectRefused([model!, { name: 'group1-shard1of1.bin', bytes: bytesOf(LAYERS_WEIGHT_BYTES + 1) }], 'shard_size_mismatch');
  });

  it('shard_size_mismatch: one shard of a multi-shard group short', () => {
    const files = shardedQuantizedUpload().map((f) => (f.name === 'group1-shard2of2.bin' ? { name: f.name, bytes: f.bytes.subarray(1) } : f));
    expectRefused(files, 'shard_size_mismatch', 'group1-shard1of2.bin');
  });

  it('shard_size_mismatch: quantized weights uploaded at full float32 size', () => {
    const files = shardedQuantizedUpload().map((f) => (f.name === 'group2-shard1of1.bin' ? { name: f.name, bytes: bytesOf(16 * 4 + 2 * 4 + 4) } : f));
    expectRefused(files, 'shard_size_mismatch', 'group2-shard1of1.bin');
  });

  it('shard_size_mismatch: a zero-size model whose group still lists a non-empty shard', () => {
    const json = layersModelJson({ weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'w', shape: [0, 8], dtype: 'float32' }] }] });
    expectRefused(layersUpload(json), 'shard_size_mismatch');
  });

  it('unused_file: an extra file the manifest does not reference', () => {
    expectRefused([...layersUpload(), { name: 'notes.txt', bytes: bytesOf(12) }], 'unused_file', 'notes.txt');
  });

  it('shared_shard: the same path twice in one group or across groups', () => {
    const twiceInGroup = layersModelJson({
      weightsManifest: [{ paths: ['group1-shard1of1.bin', 'group1-shard1of1.bin'], weights: [{ name: 'w', shape: [116], dtype: 'float32' }] }],
    });
    expectRefused(layersUpload(twiceInGroup), 'shared_shard', 'group1-shard1of1.bin');
    const acrossGroups = layersModelJson({
      weightsManifest: [
        { paths: ['group1-shard1of1.bin'], weights: [{ name: 'a', shape: [58], dtype: 'float32' }] },
        { paths: ['group1-shard1of1.bin'], weights: [{ name: 'b', shape: [58], dtype: 'float32' }] },
      ],
    });
    expectRefused(layersUpload(acrossGroups), 'shared_shard', 'group1-shard1of1.bin');
  });

  it('hashes nothing when an upload is refused', () => {
    expectRefused([...layersUpload(), { name: 'notes.txt', bytes: bytesOf(12) }], 'unused_file');
    expect(hashing.calls).toBe(hashingBefore);
  });
});

describe('helpers', () => {
  it('jsonNestingDepth counts structure, not string content', () => {
    expect(jsonNestingDepth('1')).toBe(0);
    expect(jsonNestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonNestingDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(jsonNestingDepth('["\\"[[", ["\\\\"], "x"]')).toBe(2);
    expect(jsonNestingDepth('['.repeat(1_000_000), 10)).toBe(11); // stops early
  });

  it('plainFileNameProblem says why, URL schemes in any case included', () => {
    expect(plainFileNameProblem('HTTPS://evil.example/w.bin')).toMatch(/URL/);
    expect(plainFileNameProblem('Data:application/octet-stream;base64,AAAA')).toMatch(/URL/);
    expect(plainFileNameProblem('../evil.bin')).toMatch(/separator|\.\./);
  });

  it('plainFileNameProblem accepts what TF.js writes', () => {
    for (const name of ['model.json', 'group1-shard1of1.bin', 'group12-shard3of12.bin', 'weights.bin', 'my model (v2).bin']) {
      expect(plainFileNameProblem(name)).toBeNull();
    }
  });
});
