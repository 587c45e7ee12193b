// ONNX models on the server: the stored .onnx bytes (and their external data) become an ONNX Runtime
// session on its WASM build, one thread, inside the verification worker (which bounds its memory and
// time; a session cannot be interrupted). The same input and output are chosen as in the browser
// (lib/evaluation/worker/onnx-model.ts): one preprocessed float matrix in, the float scores out.
import * as ort from 'onnxruntime-web';
import type { ModelFile, Predictor } from './predictor';

export const onnxPredictor: Predictor = {
  async load(files: ModelFile[]) {
    const model = files.find((f) => f.name.toLowerCase().endsWith('.onnx'));
    if (!model) throw new Error('The version has no .onnx file to verify with.');
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(model.bytes, {
      executionProviders: ['wasm'],
      externalData: files.filter((f) => f !== model).map((f) => ({ path: f.name, data: f.bytes })),
    });
    if (session.inputNames.length !== 1 || session.outputNames.length < 1) {
      await session.release();
      throw new Error(`The ONNX graph takes ${session.inputNames.length} inputs; the server verifies graphs that take one preprocessed float matrix.`);
    }
    const input = session.inputNames[0]!;
    const output = session.outputNames.length === 1 ? session.outputNames[0]! : (session.outputNames.find((n) => /prob|score|output|logit/i.test(n)) ?? session.outputNames.at(-1)!);
    return {
      async predict(x, rows, width) {
        const tensor = new ort.Tensor('float32', x.subarray(0, rows * width), [rows, width]);
        const result = await session.run({ [input]: tensor });
        try {
          const data = (result[output] as ort.Tensor).data;
          const values = data instanceof Float32Array ? data.slice() : Float32Array.from(data as ArrayLike<number>, Number);
          return { values, units: rows > 0 ? values.length / rows : 1 };
        } finally {
          tensor.dispose();
          for (const value of Object.values(result)) (value as ort.Tensor).dispose();
        }
      },
      dispose: () => void session.release(),
    };
  },
};
