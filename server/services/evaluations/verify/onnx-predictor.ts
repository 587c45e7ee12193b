// ONNX models on the server: the stored .onnx bytes (and their external data) become an ONNX Runtime
// session on its WASM build, one thread, inside the verification worker (which bounds its memory and
// time; a session cannot be interrupted). The same inputs and output are chosen as in the browser
// (lib/evaluation/worker/onnx-model.ts): one preprocessed float matrix in, or, for a graph with one
// named input per feature, each feature's raw values in its own input (lib/evaluation/raw-inputs.ts);
// the float scores out.
import * as ort from 'onnxruntime-web';
import { rawFeeds } from '@/lib/evaluation/raw-inputs';
import type { ModelFile, Predictor } from './predictor';

export const onnxPredictor: Predictor = {
  async load(files: ModelFile[], rawInputs) {
    const model = files.find((f) => f.name.toLowerCase().endsWith('.onnx'));
    if (!model) throw new Error('The version has no .onnx file to verify with.');
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(model.bytes, {
      executionProviders: ['wasm'],
      externalData: files.filter((f) => f !== model).map((f) => ({ path: f.name, data: f.bytes })),
    });
    const unfed = rawInputs ? session.inputNames.filter((name) => !rawInputs.some((m) => m.input === name)) : [];
    if ((rawInputs ? unfed.length > 0 : session.inputNames.length !== 1) || session.outputNames.length < 1) {
      await session.release();
      throw new Error(
        rawInputs
          ? `The ONNX graph's inputs ${unfed.map((n) => `“${n}”`).join(', ')} are not in the version's raw-feature mapping, so the server cannot feed them.`
          : `The ONNX graph takes ${session.inputNames.length} inputs; the server verifies graphs that take one preprocessed float matrix, or one recorded input per feature.`,
      );
    }
    const input = session.inputNames[0]!;
    const output = session.outputNames.length === 1 ? session.outputNames[0]! : (session.outputNames.find((n) => /prob|score|output|logit/i.test(n)) ?? session.outputNames.at(-1)!);
    return {
      async predict(x, rows, width, text) {
        const feeds: Record<string, ort.Tensor> = rawInputs
          ? Object.fromEntries(rawFeeds(rawInputs, x, rows, text ?? null).map((f) => [f.input, new ort.Tensor(f.type, f.data, f.dims)]))
          : { [input]: new ort.Tensor('float32', x.subarray(0, rows * width), [rows, width]) };
        const result = await session.run(feeds);
        try {
          const data = (result[output] as ort.Tensor).data;
          const values = data instanceof Float32Array ? data.slice() : Float32Array.from(data as ArrayLike<number>, Number);
          return { values, units: rows > 0 ? values.length / rows : 1 };
        } finally {
          for (const tensor of Object.values(feeds)) tensor.dispose();
          for (const value of Object.values(result)) (value as ort.Tensor).dispose();
        }
      },
      dispose: () => void session.release(),
    };
  },
};
