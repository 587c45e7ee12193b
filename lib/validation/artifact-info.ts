// What the registry records about a version's artifact beyond its files: read from the files by
// the server's validator at upload time, shown on the version page and used to run the model.

/** The formats a version can have. `opaque` files are stored and never loaded: not runnable in the browser. */
const ARTIFACT_FORMATS = ['layers-model', 'graph-model', 'onnx', 'opaque'] as const;
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];

/** What an uploader may declare; `auto` tells TF.js from ONNX by the file names. */
export const DECLARED_FORMATS = ['auto', 'tfjs', 'onnx', 'other'] as const;
export type DeclaredFormat = (typeof DECLARED_FORMATS)[number];

/** Formats evaluated in the browser (TF.js or ONNX Runtime Web). */
export function isRunnableInBrowser(format: string): boolean {
  return format === 'layers-model' || format === 'graph-model' || format === 'onnx';
}

/** A graph input or output: tensor element type and shape (a number, a symbolic name, or null for unknown). */
export type OnnxValueInfo = { name: string; elemType: string; shape: (number | string | null)[] | null };

export type OnnxArtifactInfo = {
  kind: 'onnx';
  irVersion: number;
  producerName: string;
  producerVersion: string;
  /** Operator sets imported, `ai.onnx` for the default domain (""). */
  opsets: { domain: string; version: number }[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  nodeCount: number;
  /** Distinct operators as `domain:op_type`, subgraphs included. */
  operators: string[];
  /** Files holding external tensor data, as the graph names them. */
  externalData: string[];
};

type TfjsArtifactInfo = {
  kind: 'tfjs';
  weightCount: number;
  inputShapes: (number | null)[][];
  tfjsVersion: string | null;
  generatedBy: string | null;
  convertedBy: string | null;
};

/** A file of any other kind, kept byte for byte; `detected` is a guess from names and magic bytes, for people. */
type OpaqueArtifactInfo = { kind: 'opaque'; detected: string };

export type ArtifactInfo = OnnxArtifactInfo | TfjsArtifactInfo | OpaqueArtifactInfo;

/**
 * How an ONNX graph with one named input per feature takes raw values: feature -> graph input, its
 * element type (float32, float64 or int64 for a numeric feature, string for a categorical one) and
 * rank (2: [N, 1], 1: [N]; absent on versions recorded before it was, which meant [N, 1]).
 * Recorded instead of a preprocessing spec (the graph does its own preprocessing).
 */
export type RawFeatureInputs = { feature: string; input: string; elemType: string; rank?: 1 | 2 }[];

/** Graph input element types a raw numeric feature may feed, and the one a categorical feature feeds. */
export const RAW_NUMERIC_TYPES = ['float32', 'float64', 'int64'] as const;
export const RAW_CATEGORICAL_TYPE = 'string';

/** A checked upload, ready to store: files in upload order (the model file first). */
export type CheckedArtifact = {
  format: ArtifactFormat;
  files: { name: string; size: number; sha256: string; role: 'model' | 'weights'; contentType: string }[];
  /** sha256 hex over the lines `${name}\t${sha256}\n` of all files sorted by name. */
  contentDigest: string;
  totalBytes: number;
  info: ArtifactInfo;
};
