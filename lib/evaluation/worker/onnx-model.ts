// ONNX versions in the evaluation worker: the verified bytes of the .onnx file (and its external
// data) become an ONNX Runtime Web session on the chosen execution provider. Nodes the WebGPU
// provider does not implement run on WASM, node by node (ONNX Runtime assigns them itself). ONNX
// Runtime Web's WebGPU build has no ai.onnx.ml operators at all (tree ensembles, ...), so a graph
// using them runs whole on the WASM build, and the result says so.
import type * as Ort from 'onnxruntime-web';
import { rawFeeds } from '@/lib/evaluation/raw-inputs';
import type { RawFeatureInputs } from '@/lib/validation/artifact-info';
import { fetchVerified, type ArtifactFile } from './model-loader';
import { fewerThreadsNote, wasmThreads, type ThreadScope, type WasmThreads } from './wasm-threads';
import { within } from './within';

/**
 * The WebGPU build (WebGPU + WASM providers) or the plain WASM build, loaded when first needed.
 * `threads` takes effect when the build's WASM first starts (its first session in this worker).
 */
async function runtime(build: 'webgpu' | 'wasm', threads: number): Promise<typeof Ort> {
  const ort = (build === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm')) as typeof Ort;
  // Served by app/ort/[file]/route.ts; the CSP allows no CDN. Its thread workers are the same
  // ort-wasm-simd-threaded.mjs, started as module workers from /ort/ (worker-src 'self').
  ort.env.wasm.wasmPaths = '/ort/';
  ort.env.wasm.numThreads = threads;
  return ort;
}

/**
 * A model that scores row-major float32 batches (and, for an ONNX graph with one input per feature, the
 * rows' raw string inputs in `text`); `sequential`: one run at a time (a session cannot overlap runs).
 */
export type BatchModel = {
  start(x: Float32Array, rows: number, width: number, text?: string[] | null): { output: Promise<{ values: Float32Array; units: number }>; dispose(): void };
  sequential: boolean;
  dispose(): void;
};

/**
 * How long one batch may take on WebGPU before the run stops with an error: a GPU that never answers
 * (seen once with SwiftShader, the software adapter) must not leave the page waiting for ever. The
 * first batch, which compiles the shaders, took about 5 s on SwiftShader on a loaded 2-core machine.
 */
const GPU_BATCH_TIMEOUT_MS = 120_000;

/** Operator domains the WebGPU provider has no kernels for: their nodes always run on WASM. */
const CPU_ONLY_DOMAINS = ['ai.onnx.ml'];

/** `threadsNote`: why WASM ran on one thread, when it did. */
export type OnnxRuntimeInfo = { version: string; threads: number; threadsNote: string | null; fallback: string | null; ranOn: 'webgpu' | 'wasm' };

export async function loadVerifiedOnnx(
  files: ArtifactFile[],
  provider: 'webgpu' | 'wasm',
  operators: string[],
  onFile: (name: string) => void,
  rawInputs: RawFeatureInputs | null = null,
  // Up to four threads on a cross-origin isolated page, else one and why; bench:evaluate pins it.
  threads: WasmThreads = wasmThreads(self as unknown as ThreadScope),
): Promise<{ model: BatchModel; info: OnnxRuntimeInfo }> {
  const model = files.find((f) => f.name.toLowerCase().endsWith('.onnx'));
  if (!model) throw new Error('The version has no .onnx file, so it is not an ONNX model this page can run.');
  const bytes = new Map<string, Uint8Array>();
  for (const file of files) {
    onFile(file.name);
    bytes.set(file.name, new Uint8Array(await fetchVerified(file, 'model file')));
  }
  const cpuOnly = operators.filter((op) => CPU_ONLY_DOMAINS.some((d) => op.startsWith(`${d}:`)));
  const gpu = provider === 'webgpu' && cpuOnly.length === 0;
  const ort = await runtime(gpu ? 'webgpu' : 'wasm', threads.threads);
  const session = await ort.InferenceSession.create(bytes.get(model.name)!, {
    // WASM after WebGPU: the nodes WebGPU lacks fall back to it.
    executionProviders: gpu ? ['webgpu', 'wasm'] : ['wasm'],
    externalData: files.filter((f) => f !== model).map((f) => ({ path: f.name, data: bytes.get(f.name)! })),
  });
  // One preprocessed float matrix, or (raw-feature inputs) one recorded input per feature.
  const unfed = rawInputs ? session.inputNames.filter((name) => !rawInputs.some((m) => m.input === name)) : [];
  if ((rawInputs ? unfed.length > 0 : session.inputNames.length !== 1) || session.outputNames.length < 1) {
    await session.release();
    throw new Error(
      rawInputs
        ? `The ONNX graph's inputs ${unfed.map((n) => `“${n}”`).join(', ')} are not in the version's raw-feature mapping, so this page cannot feed them.`
        : `The ONNX graph takes ${session.inputNames.length} inputs; this page feeds one preprocessed float matrix, or one recorded input per feature.`,
    );
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
  // ONNX Runtime sets numThreads back to 1 when WebAssembly threads fail to start.
  const ranThreads = ort.env.wasm.numThreads ?? 1;
  return {
    model: {
      sequential: true,
      start(x, rows, width, text) {
        let result: Ort.InferenceSession.OnnxValueMapType | null = null;
        const feeds: Record<string, Ort.Tensor> = rawInputs
          ? Object.fromEntries(rawFeeds(rawInputs, x, rows, text ?? null).map((f) => [f.input, new ort.Tensor(f.type, f.data, f.dims)]))
          : { [input]: new ort.Tensor('float32', x.subarray(0, rows * width), [rows, width]) };
        const running = session.run(feeds);
        const guarded = gpu
          ? within(running, GPU_BATCH_TIMEOUT_MS, () => new Error(`ONNX Runtime Web's WebGPU provider returned nothing for a batch of ${rows} rows within ${GPU_BATCH_TIMEOUT_MS / 1000} s (the GPU stopped answering; seen once with the SwiftShader software adapter). Run the evaluation on WASM instead.`))
          : running;
        const outputPromise = guarded.then((out) => {
          result = out;
          const value = out[output] as Ort.Tensor;
          const data = value.data;
          const values = data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>, Number);
          return { values, units: rows > 0 ? values.length / rows : 1 };
        });
        return {
          output: outputPromise,
          dispose: () => {
            for (const tensor of Object.values(feeds)) tensor.dispose();
            for (const value of Object.values(result ?? {})) (value as Ort.Tensor).dispose();
          },
        };
      },
      dispose: () => void session.release(),
    },
    info: { version: ort.env.versions.web ?? 'unknown', threads: ranThreads, threadsNote: threads.note ?? fewerThreadsNote(threads.threads, ranThreads), fallback, ranOn: gpu ? 'webgpu' : 'wasm' },
  };
}
