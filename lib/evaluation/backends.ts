// Which TF.js backend an evaluation runs on. "Auto" walks WebGPU -> WebGL -> WASM -> CPU and skips
// a GPU path that is really a software rasteriser (SwiftShader, llvmpipe), which is slower than WASM.
// TF.js-free so the page can import the names; the worker passes in TF.js's setBackend.

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];
export type BackendChoice = 'auto' | Backend;

export const BACKEND_LABELS: Record<BackendChoice, string> = { auto: 'Auto', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

export type AdapterInfo = { vendor: string; architecture: string; isFallback: boolean };
export type SkippedBackend = { backend: Backend; reason: string };
export type BackendSelection = { backend: Backend; adapter: AdapterInfo | null; skipped: SkippedBackend[] };

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|microsoft basic/i;

type GpuAdapterLike = {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<{ vendor?: string; architecture?: string; device?: string; description?: string }>;
};
type GpuLike = { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null> };

/** The WebGPU adapter the browser would give TF.js, or why there is none. */
async function probeWebGpu(): Promise<{ adapter: AdapterInfo; skipReason: string | null } | { reason: string }> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { reason: `requesting a WebGPU adapter failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!adapter) return { reason: 'no WebGPU adapter is available' };
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.().catch(() => undefined)) ?? {};
  const isFallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  return { adapter: { vendor: info.vendor ?? '', architecture: info.architecture ?? '', isFallback }, skipReason: webgpuSkipReason(info, isFallback) };
}

export type WebGpuAdapterFacts = { vendor?: string; architecture?: string; device?: string; description?: string };

/**
 * Why "auto" must pass over this WebGPU adapter for WASM, or null for a hardware adapter. A
 * fallback adapter or a software rasteriser (Chromium's SwiftShader reports vendor "google",
 * architecture "swiftshader" and a "SwiftShader Device" description) runs slower than WASM.
 */
export function webgpuSkipReason(info: WebGpuAdapterFacts, isFallback: boolean): string | null {
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  const name = /swiftshader/i.test(text) ? 'SwiftShader' : info.architecture || info.vendor || info.description || 'unnamed';
  if (SOFTWARE.test(text)) return `software adapter (${name}) would be slower than WASM`;
  if (isFallback) return `fallback adapter (${name}), a software implementation, would be slower than WASM`;
  return null;
}

/** WebGL's renderer string from an OffscreenCanvas (works in a worker), or why it is unusable. */
function probeWebGl(): { renderer: string; software: boolean } | { reason: string } {
  if (typeof OffscreenCanvas === 'undefined') return { reason: 'OffscreenCanvas is not available in this worker' };
  const canvas = new OffscreenCanvas(1, 1);
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return { reason: 'WebGL is unavailable (no context)' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer, software: SOFTWARE.test(renderer) };
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Sets the TF.js backend for `choice`. A forced backend is used even on a software adapter, and
 * its failure is an error; "auto" records why each faster backend was passed over.
 */
export async function selectBackend(choice: BackendChoice, setBackend: (name: Backend) => Promise<boolean>): Promise<BackendSelection> {
  const skipped: SkippedBackend[] = [];
  const attempt = async (backend: Backend): Promise<string | null> => {
    try {
      return (await setBackend(backend)) ? null : `${BACKEND_LABELS[backend]} failed to initialise`;
    } catch (e) {
      return `${BACKEND_LABELS[backend]} failed to initialise: ${errorText(e)}`;
    }
  };

  if (choice !== 'auto') {
    const gpu = choice === 'webgpu' ? await probeWebGpu() : null;
    const failure = await attempt(choice);
    if (failure) throw new Error(`${failure}. Choose another backend, or Auto.`);
    return { backend: choice, adapter: gpu && 'adapter' in gpu ? gpu.adapter : null, skipped };
  }

  const gpu = await probeWebGpu();
  if ('reason' in gpu) skipped.push({ backend: 'webgpu', reason: gpu.reason });
  else if (gpu.skipReason) skipped.push({ backend: 'webgpu', reason: gpu.skipReason });
  else {
    const failure = await attempt('webgpu');
    if (!failure) return { backend: 'webgpu', adapter: gpu.adapter, skipped };
    skipped.push({ backend: 'webgpu', reason: failure });
  }

  const gl = probeWebGl();
  if ('reason' in gl) skipped.push({ backend: 'webgl', reason: gl.reason });
  else if (gl.software) skipped.push({ backend: 'webgl', reason: `software renderer (${gl.renderer}) would be slower than WASM` });
  else {
    const failure = await attempt('webgl');
    if (!failure) return { backend: 'webgl', adapter: null, skipped };
    skipped.push({ backend: 'webgl', reason: failure });
  }

  const wasmFailure = await attempt('wasm');
  if (!wasmFailure) return { backend: 'wasm', adapter: null, skipped };
  skipped.push({ backend: 'wasm', reason: wasmFailure });

  const cpuFailure = await attempt('cpu');
  if (cpuFailure) throw new Error(cpuFailure);
  return { backend: 'cpu', adapter: null, skipped };
}

/**
 * The ONNX Runtime Web execution provider for `choice`: WebGPU or WASM (it has no WebGL or CPU
 * path of its own). "Auto" passes over a missing or software WebGPU adapter for WASM, as for TF.js.
 */
export async function selectOnnxBackend(choice: BackendChoice): Promise<BackendSelection & { backend: 'webgpu' | 'wasm' }> {
  if (choice === 'webgl' || choice === 'cpu') throw new Error(`ONNX models run on WebGPU or WASM, not ${BACKEND_LABELS[choice]}. Choose one of them, or Auto.`);
  const gpu = choice === 'wasm' ? null : await probeWebGpu();
  if (choice === 'webgpu') {
    if (!gpu || 'reason' in gpu) throw new Error(`WebGPU is unavailable: ${gpu && 'reason' in gpu ? gpu.reason : 'no adapter'}. Choose WASM, or Auto.`);
    return { backend: 'webgpu', adapter: gpu.adapter, skipped: [] };
  }
  if (choice === 'wasm' || !gpu) return { backend: 'wasm', adapter: null, skipped: [] };
  if ('reason' in gpu) return { backend: 'wasm', adapter: null, skipped: [{ backend: 'webgpu', reason: gpu.reason }] };
  if (gpu.skipReason) return { backend: 'wasm', adapter: null, skipped: [{ backend: 'webgpu', reason: gpu.skipReason }] };
  return { backend: 'webgpu', adapter: gpu.adapter, skipped: [] };
}
