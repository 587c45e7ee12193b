// ONNX versions in the evaluation worker: the verified bytes of the .onnx file (and its external
// data) become an ONNX Runtime Web session on the chosen execution provider. Nodes the WebGPU
// provider does not implement run on WASM, node by node (ONNX Runtime assigns them itself). ONNX
// Runtime Web's WebGPU build has no ai.onnx.ml operators at all (tree ensembles, ...), so a graph
// using them runs whole on the WASM build, and the result says so.
import type * as Ort from 'onnxruntime-web';
import { fetchVerified, type ArtifactFile } from './model-loader';

/** The WebGPU build (WebGPU + WASM providers) or the plain WASM build, loaded when first needed. */
async function runtime(build: 'webgpu' | 'wasm'): Promise<typeof Ort> {
  const ort = (build === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm')) as typeof Ort;
  // Served by app/ort/[file]/route.ts; the CSP allows no CDN.
  ort.env.wasm.wasmPaths = '/ort/';
  return ort;
}

/** A model that scores row-major float32 batches; `sequential`: one run at a time (a session cannot overlap runs). */
export type BatchModel = {
  start(x: Float32Array, rows: number, width: number): { output: Promise<{ values: Float32Array; units: number }>; dispose(): void };
  sequential: boolean;
  dispose(): void;
};

/** Operator domains the WebGPU provider has no kernels for: their nodes always run on WASM. */
const CPU_ONLY_DOMAINS = ['ai.onnx.ml'];

export type OnnxRuntimeInfo = { version: string; threads: number; fallback: string | null; ranOn: 'webgpu' | 'wasm' };

export async function loadVerifiedOnnx(files: ArtifactFile[], provider: 'webgpu' | 'wasm', operators: string[], onFile: (name: string) => void): Promise<{ model: BatchModel; info: OnnxRuntimeInfo }> {
  const model = files.find((f) => f.name.toLowerCase().endsWith('.onnx'));
  if (!model) throw new Error('The version has no .onnx file, so it is not an ONNX model this page can run.');
  const bytes = new Map<string, Uint8Array>();
  for (const file of files) {
    onFile(file.name);
    bytes.set(file.name, new Uint8Array(await fetchVerified(file, 'model file')));
  }
  const cpuOnly = operators.filter((op) => CPU_ONLY_DOMAINS.some((d) => op.startsWith(`${d}:`)));
  const gpu = provider === 'webgpu' && cpuOnly.length === 0;
  const ort = await runtime(gpu ? 'webgpu' : 'wasm');
  const session = await ort.InferenceSession.create(bytes.get(model.name)!, {
    // WASM after WebGPU: the nodes WebGPU lacks fall back to it.
    executionProviders: gpu ? ['webgpu', 'wasm'] : ['wasm'],
    externalData: files.filter((f) => f !== model).map((f) => ({ path: f.name, data: bytes.get(f.name)! })),
  });
  if (session.inputNames.length !== 1 || session.outputNames.length < 1) {
    await session.release();
    throw new Error(`The ONNX graph takes ${session.inputNames.length} inputs; this page feeds one preprocessed float matrix (a graph with one input per feature cannot be run here yet).`);
  }
  const input = session.inputNames[0]!;
  // Classifiers exported with a label output give it first; the scores are the float output.
  const output = session.outputNames.length === 1 ? session.outputNames[0]! : (session.outputNames.find((n) => /prob|score|output|logit/i.test(n)) ?? session.outputNames.at(-1)!);
  const fallback =
    provider === 'webgpu'
      ? cpuOnly.length > 0
        ? `The model ran on WASM, not WebGPU: ${cpuOnly.map((op) => op.split(':')[1]).join(', ')} ${cpuOnly.length === 1 ? 'is an ai.onnx.ml operator' : 'are ai.onnx.ml operators'}, which ONNX Runtime Web's WebGPU build does not include.`
        : 'Nodes the WebGPU provider lacks (if any) run on WASM, node by node.'
      : null;
  return {
    model: {
      sequential: true,
      start(x, rows, width) {
        let result: Ort.InferenceSession.OnnxValueMapType | null = null;
        const tensor = new ort.Tensor('float32', x.subarray(0, rows * width), [rows, width]);
        const outputPromise = session.run({ [input]: tensor }).then((out) => {
          result = out;
          const value = out[output] as Ort.Tensor;
          const data = value.data;
          const values = data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>, Number);
          return { values, units: rows > 0 ? values.length / rows : 1 };
        });
        return {
          output: outputPromise,
          dispose: () => {
            tensor.dispose();
            for (const value of Object.values(result ?? {})) (value as Ort.Tensor).dispose();
          },
        };
      },
      dispose: () => void session.release(),
    },
    info: { version: ort.env.versions.web ?? 'unknown', threads: ort.env.wasm.numThreads ?? 1, fallback, ranOn: gpu ? 'webgpu' : 'wasm' },
  };
}
