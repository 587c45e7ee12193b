// The ONNX validator against files written by the onnx package (fixtures/onnx, made by
// scripts/onnx-fixtures/make.py) and against hostile bytes written by hand here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, ValidationError } from '@/server/errors';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { validateArtifactUpload } from './validate-artifact';
import { DEFAULT_ONNX_LIMITS, validateOnnxUpload } from './validate-onnx';
import { DEFAULT_ARTIFACT_LIMITS, type UploadedFile } from './validate-tfjs';

const LIMITS = { ...DEFAULT_ARTIFACT_LIMITS, ...DEFAULT_ONNX_LIMITS };
const fixture = (name: string, as = name): UploadedFile => ({ name: as, bytes: new Uint8Array(readFileSync(join(__dirname, 'fixtures', 'onnx', name))) });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The refusal's rule (and file), or a failure naming what was thrown instead. */
function refusal(run: () => unknown): { rule?: unknown; file?: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
    return { ...(error.details ?? {}), message: error.message };
  }
  throw new Error('expected the upload to be refused');
}

// Hand-written protobuf wire encoding: independent of the library the validator uses.
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const message = (field: number, body: number[]) => [...varint((field << 3) | 2), ...varint(body.length), ...body];
const IR_VERSION_8 = [0x08, 0x08];
const OPSET_17 = message(8, [0x10, 17]); // OperatorSetIdProto { version: 17 }

describe('validateOnnxUpload: accepted models', () => {
  it('records producer, opsets, inputs and outputs of a model written by the onnx package', () => {
    const file = fixture('linear.onnx');
    const result = validateOnnxUpload([file], LIMITS);
    expect(result.format).toBe('onnx');
    expect(result.info).toEqual({
      kind: 'onnx',
      irVersion: 8,
      producerName: 'skl2onnx',
      producerVersion: '1.0',
      opsets: [{ domain: 'ai.onnx', version: 17 }],
      inputs: [{ name: 'float_input', elemType: 'float32', shape: ['N', 3] }],
      outputs: [{ name: 'probability', elemType: 'float32', shape: ['N', 1] }],
      nodeCount: 2,
      operators: ['ai.onnx:Gemm', 'ai.onnx:Sigmoid'],
      externalData: [],
    });
    expect(result.files).toEqual([{ name: 'linear.onnx', size: file.bytes.byteLength, sha256: sha256(file.bytes), role: 'model', contentType: 'application/octet-stream' }]);
    expect(result.contentDigest).toBe(sha256(new TextEncoder().encode(`linear.onnx\t${sha256(file.bytes)}\n`)));
  });

  it('accepts external data that lies inside an uploaded file, and stores that file as weights', () => {
    const result = validateOnnxUpload([fixture('weights.bin'), fixture('external.onnx')], LIMITS);
    expect(result.files.map((f) => [f.name, f.role])).toEqual([
      ['external.onnx', 'model'],
      ['weights.bin', 'weights'],
    ]);
    expect(result.info).toMatchObject({ producerName: 'pytorch', externalData: ['weights.bin'] });
  });

  it('accepts the ai.onnx.ml domain (tree ensembles) and one named input per feature', () => {
    expect(validateOnnxUpload([fixture('per-feature.onnx')], LIMITS).info).toMatchObject({ inputs: [{ name: 'age' }, { name: 'income' }] });
  });
});

describe('validateOnnxUpload: refused models', () => {
  it('refuses every truncation of a real model with a rule, never a crash', () => {
    const { bytes } = fixture('linear.onnx');
    const rules = new Set<unknown>();
    for (let length = 0; length < bytes.byteLength; length++) {
      rules.add(refusal(() => validateOnnxUpload([{ name: 'model.onnx', bytes: bytes.subarray(0, length) }], LIMITS)).rule);
    }
    expect([...rules].sort()).toEqual(['onnx_missing_opset', 'onnx_model_shape', 'onnx_not_protobuf']);
    expect(refusal(() => validateOnnxUpload([{ name: 'model.onnx', bytes: bytes.subarray(0, 100) }], LIMITS))).toMatchObject({ rule: 'onnx_not_protobuf', file: 'model.onnx' });
  });

  it('refuses a graph without its opset import (cut off after the graph)', () => {
    const graph = message(7, [...message(1, [...message(1, [0x61]), ...message(2, [0x62]), ...message(4, [...'Relu'].map((c) => c.charCodeAt(0)))]), ...message(11, message(1, [0x61])), ...message(12, message(1, [0x62]))]);
    expect(refusal(() => validateOnnxUpload([{ name: 'm.onnx', bytes: new Uint8Array([...IR_VERSION_8, ...graph]) }], LIMITS)).rule).toBe('onnx_missing_opset');
  });

  it('refuses custom operator domains, named in the message', () => {
    const refused = refusal(() => validateOnnxUpload([fixture('custom-domain.onnx')], LIMITS));
    expect(refused).toMatchObject({ rule: 'onnx_custom_domain', file: 'custom-domain.onnx' });
    expect(refused.message).toContain('com.microsoft');
  });

  it('refuses a node of a domain that is never imported', () => {
    const node = message(1, [...message(1, [0x78]), ...message(2, [0x79]), ...message(4, [0x4f, 0x70]), ...message(7, [...'evil.ops'].map((c) => c.charCodeAt(0)))]);
    const graph = message(7, [...node, ...message(11, message(1, [0x78])), ...message(12, message(1, [0x79]))]);
    expect(refusal(() => validateOnnxUpload([{ name: 'm.onnx', bytes: new Uint8Array([...IR_VERSION_8, ...graph, ...OPSET_17]) }], LIMITS)).rule).toBe('onnx_custom_domain');
  });

  it('refuses external-data locations that climb out, are absolute, missing, or read past the file', () => {
    expect(refusal(() => validateOnnxUpload([fixture('external-traversal.onnx'), fixture('weights.bin')], LIMITS))).toMatchObject({ rule: 'onnx_bad_external_location' });
    expect(refusal(() => validateOnnxUpload([fixture('external-absolute.onnx')], LIMITS))).toMatchObject({ rule: 'onnx_bad_external_location' });
    expect(refusal(() => validateOnnxUpload([fixture('external.onnx')], LIMITS))).toMatchObject({ rule: 'onnx_missing_external_file', file: 'weights.bin' });
    expect(refusal(() => validateOnnxUpload([fixture('external-overrun.onnx'), fixture('weights.bin')], LIMITS))).toMatchObject({ rule: 'onnx_external_out_of_range', file: 'weights.bin' });
    // The right location, but a data file one byte short.
    const short = { name: 'weights.bin', bytes: fixture('weights.bin').bytes.subarray(0, 15) };
    expect(refusal(() => validateOnnxUpload([fixture('external.onnx'), short], LIMITS))).toMatchObject({ rule: 'onnx_external_out_of_range' });
    // Uploaded under a path, the file itself is refused before the model is read.
    expect(refusal(() => validateOnnxUpload([fixture('external.onnx'), fixture('weights.bin', '../weights.bin')], LIMITS))).toMatchObject({ rule: 'bad_file_name' });
  });

  it('refuses files the graph does not use, and two models in one version', () => {
    expect(refusal(() => validateOnnxUpload([fixture('linear.onnx'), fixture('weights.bin')], LIMITS))).toMatchObject({ rule: 'unused_file', file: 'weights.bin' });
    expect(refusal(() => validateOnnxUpload([fixture('linear.onnx'), fixture('per-feature.onnx')], LIMITS))).toMatchObject({ rule: 'multiple_onnx_files' });
  });

  it('refuses a ZipMap (sequence of maps) output and says how to export without it', () => {
    const refused = refusal(() => validateOnnxUpload([fixture('zipmap.onnx')], LIMITS));
    expect(refused.rule).toBe('onnx_non_tensor_io');
    expect(refused.message).toContain("options={'zipmap': False}");
  });

  it('refuses a nesting bomb (subgraphs 200 deep) without exhausting the stack', () => {
    // node { attribute { g { node { attribute { g { ... } } } } } }: GraphProto.node = 1, NodeProto.attribute = 5, AttributeProto.g = 6.
    let graph: number[] = [];
    for (let i = 0; i < 200; i++) graph = message(1, message(5, message(6, graph)));
    const bytes = new Uint8Array([...IR_VERSION_8, ...message(7, graph), ...OPSET_17]);
    expect(refusal(() => validateOnnxUpload([{ name: 'deep.onnx', bytes }], LIMITS))).toMatchObject({ rule: 'onnx_too_deep', file: 'deep.onnx' });
    // 200k nested protobuf groups (start-group tags), which a recursive skip would follow.
    const groups = new Uint8Array(200_000).fill(0x7b);
    expect(refusal(() => validateOnnxUpload([{ name: 'groups.onnx', bytes: groups }], LIMITS)).rule).toBe('onnx_not_protobuf');
  });

  it('refuses a size bomb: two bytes per empty node, over the message limit, before decoding it', () => {
    const nodes = DEFAULT_ONNX_LIMITS.maxOnnxMessages + 1;
    const body = new Uint8Array(nodes * 2);
    for (let i = 0; i < nodes; i++) body[i * 2] = 0x0a; // GraphProto.node, length 0
    const header = [...IR_VERSION_8, ...varint((7 << 3) | 2), ...varint(body.length)];
    const bytes = new Uint8Array(header.length + body.length);
    bytes.set(header);
    bytes.set(body, header.length);
    expect(refusal(() => validateOnnxUpload([{ name: 'bomb.onnx', bytes }], LIMITS)).rule).toBe('onnx_too_many_messages');
  });

  it('refuses an upload over the size limit with 413, before reading it', () => {
    const file = fixture('linear.onnx');
    expect(() => validateOnnxUpload([file], { ...LIMITS, maxTotalBytes: file.bytes.byteLength - 1 })).toThrow(PayloadTooLargeError);
  });
});

describe('validateArtifactUpload: telling formats apart', () => {
  it('refuses an ONNX model renamed model.json, and a model.json renamed .onnx', () => {
    const renamed = fixture('linear.onnx', 'model.json');
    expect(refusal(() => validateArtifactUpload([renamed]))).toMatchObject({ rule: 'format_mismatch', file: 'model.json' });
    const { files } = tfjsModelFiles();
    const json = { name: 'model.onnx', bytes: files[0]!.bytes };
    const refused = refusal(() => validateArtifactUpload([json, files[1]!]));
    expect(refused.rule).toBe('onnx_not_protobuf');
    expect(refused.message).toMatch(/JSON text/);
  });

  it('tells TF.js from ONNX by name, and refuses anything else unless declared “other”', () => {
    expect(validateArtifactUpload(tfjsModelFiles().files).format).toBe('layers-model');
    expect(validateArtifactUpload([fixture('linear.onnx')]).format).toBe('onnx');
    const pickle = { name: 'model.pkl', bytes: new Uint8Array([0x80, 0x04, 0x95, 0x05, 0, 0, 0, 0, 0, 0, 0, 0x8c, 0x01, 0x61, 0x94, 0x2e]) };
    expect(refusal(() => validateArtifactUpload([pickle])).rule).toBe('unknown_format');
    const stored = validateArtifactUpload([pickle], 'other');
    expect(stored).toMatchObject({ format: 'opaque', info: { kind: 'opaque', detected: 'pickle' }, files: [{ name: 'model.pkl', sha256: sha256(pickle.bytes), role: 'model' }] });
    // Declared ONNX, a .onnx file must be there; declared TF.js, a .onnx file is not a shard.
    expect(refusal(() => validateArtifactUpload([pickle], 'onnx')).rule).toBe('missing_onnx_file');
    expect(refusal(() => validateArtifactUpload([...tfjsModelFiles().files, fixture('linear.onnx')], 'tfjs')).rule).toBe('unused_file');
  });

  it('keeps opaque files inert but still refuses path names and duplicates', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(refusal(() => validateArtifactUpload([{ name: '../model.pkl', bytes }], 'other')).rule).toBe('bad_file_name');
    expect(refusal(() => validateArtifactUpload([{ name: 'a.bin', bytes }, { name: 'a.bin', bytes }], 'other')).rule).toBe('duplicate_file');
    expect(validateArtifactUpload([{ name: 'MLmodel', bytes }, { name: 'model.pkl', bytes }], 'other').info).toEqual({ kind: 'opaque', detected: 'MLflow model' });
  });
});
