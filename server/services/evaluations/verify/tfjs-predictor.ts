// TF.js models on the server: model.json and its shards are data, built with TF.js's pure-JS CPU
// backend (no native addon) by the same modelFromFiles the browser uses. Nothing registers a
// custom layer, op or kernel here, so a model that needs one is refused, not run.
import * as tf from '@tensorflow/tfjs';
import { modelFromFiles } from '@/lib/evaluation/worker/model-loader';
import type { ModelFile, Predictor } from './predictor';

let ready: Promise<void> | null = null;
const cpu = () =>
  (ready ??= (async () => {
    if (!(await tf.setBackend('cpu'))) throw new Error('TF.js’s CPU backend did not initialise.');
    await tf.ready();
  })());

/** The custom layer or op a TF.js load or predict error names, or null for any other error. */
function customPart(message: string): string | null {
  const layer = /Unknown (?:layer|class|activation|initializer|regularizer|constraint|loss|metric)[^:]*: ?([^\s.]+)/i.exec(message);
  if (layer) return `the custom ${/Unknown (\w+)/i.exec(message)?.[1]?.toLowerCase() ?? 'class'} “${layer[1]}”`;
  const op = /(?:Op is not supported|not supported.*op)[^:]*: ?([^\s.]+)/i.exec(message);
  return op ? `the custom op “${op[1]}”` : null;
}

export const tfjsPredictor: Predictor = {
  async load(files: ModelFile[]) {
    await cpu();
    const bytes = new Map(files.map((f) => [f.name, f.bytes.slice().buffer as ArrayBuffer]));
    let model: Awaited<ReturnType<typeof modelFromFiles>>;
    try {
      model = await modelFromFiles(bytes);
    } catch (e) {
      throw modelError(e);
    }
    return {
      async predict(x, rows, width) {
        const input = tf.tensor2d(x, [rows, width]);
        try {
          const output = model.predict(input);
          try {
            const values = await output.data();
            return { values: values instanceof Float32Array ? values : Float32Array.from(values), units: output.shape.length > 1 ? output.size / rows : 1 };
          } finally {
            output.dispose();
          }
        } catch (e) {
          throw modelError(e);
        } finally {
          input.dispose();
        }
      },
      dispose: () => model.dispose(),
    };
  },
};

function modelError(e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  const part = customPart(message);
  return new Error(part ? `The model needs ${part}, which the server does not run: only built-in TF.js layers and ops can be verified.` : `TF.js could not run the model: ${message.slice(0, 300)}`);
}
