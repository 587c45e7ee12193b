// Downloads a version's artifact files once, checks each against its registered SHA-256 and only
// then hands the verified bytes to TF.js (fromMemory): a file that does not match is never run.
// The server's verification builds the model from the stored bytes with the same modelFromFiles.
import * as tf from '@tensorflow/tfjs';

export type ArtifactFile = { name: string; url: string; sha256: string };

async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function fetchVerified(file: ArtifactFile, what = 'file'): Promise<ArrayBuffer> {
  const response = await fetch(file.url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`Downloading the ${what} “${file.name}” failed (HTTP ${response.status}).`);
  const bytes = await response.arrayBuffer();
  const actual = await sha256Hex(bytes);
  if (actual !== file.sha256.toLowerCase()) {
    throw new Error(
      `The ${what} “${file.name}” does not match its registered SHA-256 (expected ${file.sha256}, downloaded ${actual}). The model was not run.`,
    );
  }
  return bytes;
}

type ModelJson = {
  format?: string;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
};

function concat(parts: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}

export type LoadedModel = { predict(x: tf.Tensor2D): tf.Tensor; dispose(): void };

/** Verifies every file, then builds the model from model.json and its shards in manifest order. */
export async function loadVerifiedModel(files: ArtifactFile[], onFile: (name: string) => void): Promise<LoadedModel> {
  const bytes = new Map<string, ArrayBuffer>();
  for (const file of files) {
    onFile(file.name);
    bytes.set(file.name, await fetchVerified(file, 'model file'));
  }
  return modelFromFiles(bytes);
}

/** Builds the model from model.json and its shards in manifest order (bytes by file name), on the current backend. */
export async function modelFromFiles(bytes: ReadonlyMap<string, ArrayBuffer>): Promise<LoadedModel> {
  const jsonBytes = bytes.get('model.json');
  if (!jsonBytes) throw new Error('The version has no model.json, so it is not a TF.js model this page can run.');
  const json = JSON.parse(new TextDecoder().decode(jsonBytes)) as ModelJson;
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error('model.json has no modelTopology or weightsManifest.');
  const shards = json.weightsManifest.flatMap((group) =>
    group.paths.map((path) => {
      const name = path.split('/').pop() ?? path;
      const shard = bytes.get(name);
      if (!shard) throw new Error(`model.json needs the weight file “${name}”, which the version does not have.`);
      return shard;
    }),
  );
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: concat(shards),
  };
  if (json.format === 'graph-model') {
    const graph = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
    return {
      predict: (x) => {
        const out = graph.predict(x);
        if (!(out instanceof tf.Tensor)) throw new Error('The graph model has several outputs; evaluation needs exactly one.');
        return out;
      },
      dispose: () => graph.dispose(),
    };
  }
  const layers = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  return {
    predict: (x) => {
      // The whole batch in one pass: LayersModel.predict otherwise splits it into slices of 32
      // rows and concatenates them: on WASM that made a batch of 4,096 ~60x slower to predict.
      const out = layers.predict(x, { batchSize: Math.max(1, x.shape[0]) });
      if (Array.isArray(out)) throw new Error('The model has several outputs; evaluation needs exactly one.');
      return out;
    },
    dispose: () => layers.dispose(),
  };
}
