// Small TF.js networks trained reproducibly: seeded initialisers, no dropout, and the epoch order
// drawn from our own seeded shuffle (tfjs's `shuffle: true` uses Math.random).
import * as tf from '@tensorflow/tfjs';
import type { TaskType } from '@/lib/validation/catalog';
import { createRng } from './rng';

export type NetworkConfig = {
  /** Model and layer names are fixed so model.json does not depend on tfjs's global name counters. */
  name: string;
  task: TaskType;
  inputWidth: number;
  hidden: number[];
  outputUnits: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2?: number;
  seed: number;
  /** Regression: the target's training mean and std, folded into a frozen last layer so the model outputs raw units. */
  targetScale?: { mean: number; std: number };
};

let ready: Promise<void> | null = null;
export function initTf(): Promise<void> {
  ready ??= tf.setBackend('cpu').then(async (ok) => {
    if (!ok) throw new Error('tfjs cpu backend unavailable');
    await tf.ready();
  });
  return ready;
}

function buildModel(cfg: NetworkConfig): tf.LayersModel {
  const model = tf.sequential({ name: cfg.name });
  const l2 = cfg.l2;
  const regularizer = () => (l2 ? tf.regularizers.l2({ l2 }) : undefined);
  cfg.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        name: `hidden_${i + 1}`,
        units,
        activation: 'relu',
        ...(i === 0 ? { inputShape: [cfg.inputWidth] } : {}),
        kernelInitializer: tf.initializers.heNormal({ seed: cfg.seed + i }),
        biasInitializer: 'zeros',
        kernelRegularizer: regularizer(),
      }),
    );
  });
  const activation = cfg.task === 'regression' ? 'linear' : cfg.task === 'binary_classification' ? 'sigmoid' : 'softmax';
  model.add(
    tf.layers.dense({
      name: 'output',
      units: cfg.outputUnits,
      activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: cfg.seed + 100 }),
      biasInitializer: 'zeros',
    }),
  );
  if (cfg.targetScale) {
    model.add(
      tf.layers.dense({
        name: 'denormalize',
        units: 1,
        trainable: false,
        kernelInitializer: tf.initializers.constant({ value: cfg.targetScale.std }),
        biasInitializer: tf.initializers.constant({ value: cfg.targetScale.mean }),
      }),
    );
  }
  const loss = cfg.task === 'regression' ? 'meanSquaredError' : cfg.task === 'binary_classification' ? 'binaryCrossentropy' : 'categoricalCrossentropy';
  model.compile({ optimizer: tf.train.adam(cfg.learningRate), loss });
  return model;
}

/** x: n x inputWidth, y: n x outputUnits, both row-major. Returns the trained model and the final training loss. */
export async function trainNetwork(cfg: NetworkConfig, x: Float32Array, y: Float32Array): Promise<{ model: tf.LayersModel; loss: number }> {
  await initTf();
  const n = x.length / cfg.inputWidth;
  const model = buildModel(cfg);
  const rng = createRng(`${cfg.name}/epochs/${cfg.seed}`);
  const indices = Array.from({ length: n }, (_, i) => i);
  let loss = Number.NaN;
  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    const order = rng.shuffle(indices);
    const xs = new Float32Array(x.length);
    const ys = new Float32Array(y.length);
    order.forEach((from, to) => {
      xs.set(x.subarray(from * cfg.inputWidth, (from + 1) * cfg.inputWidth), to * cfg.inputWidth);
      ys.set(y.subarray(from * cfg.outputUnits, (from + 1) * cfg.outputUnits), to * cfg.outputUnits);
    });
    const xt = tf.tensor2d(xs, [n, cfg.inputWidth]);
    const yt = tf.tensor2d(ys, [n, cfg.outputUnits]);
    const history = await model.fit(xt, yt, { epochs: 1, batchSize: cfg.batchSize, shuffle: false, verbose: 0 });
    loss = Number(history.history['loss']?.[0] ?? Number.NaN);
    xt.dispose();
    yt.dispose();
  }
  return { model, loss };
}

export function predict(model: tf.LayersModel, x: Float32Array, width: number): Float32Array {
  return tf.tidy(() => {
    const out = model.predict(tf.tensor2d(x, [x.length / width, width])) as tf.Tensor;
    return out.dataSync() as Float32Array;
  }).slice();
}

export const MODEL_FILES = ['model.json', 'group1-shard1of1.bin'] as const;

/** The standard TF.js layers-model layout: model.json plus one weight shard. */
export async function serializeModel(model: tf.LayersModel): Promise<{ name: string; bytes: Uint8Array }[]> {
  let files: { name: string; bytes: Uint8Array }[] = [];
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error('model.save produced no weights');
      const weights = new Uint8Array(new tf.io.CompositeArrayBuffer(artifacts.weightData).slice());
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [MODEL_FILES[1]], weights: artifacts.weightSpecs }],
      };
      files = [
        { name: MODEL_FILES[0], bytes: new TextEncoder().encode(JSON.stringify(modelJson)) },
        { name: MODEL_FILES[1], bytes: weights },
      ];
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  return files;
}
