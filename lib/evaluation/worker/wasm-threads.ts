// How many threads ONNX Runtime Web's WASM build may use in the evaluation worker, and, when it is
// one, why: threads share memory through SharedArrayBuffer, which the browser grants only to a
// cross-origin isolated page (next.config.ts sends COOP + COEP on every response).

/** The worker-global facts the choice depends on (self in a worker; a plain object in tests). */
export type ThreadScope = { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown; navigator?: { hardwareConcurrency?: number } };

/** At most this many: beyond four threads a batch of a few thousand rows gains little and the page competes with the parse worker. */
const MAX_WASM_THREADS = 4;

export type WasmThreads = { threads: number; note: string | null };

export function wasmThreads(scope: ThreadScope): WasmThreads {
  if (!scope.crossOriginIsolated) {
    return { threads: 1, note: 'One WASM thread: the page is not cross-origin isolated (it was served without the Cross-Origin-Embedder-Policy and Cross-Origin-Opener-Policy headers), so the browser gives it no shared memory for threads.' };
  }
  if (typeof scope.SharedArrayBuffer !== 'function') return { threads: 1, note: 'One WASM thread: this browser has no SharedArrayBuffer, which WASM threads need.' };
  const cores = Math.floor(scope.navigator?.hardwareConcurrency ?? 1);
  if (cores <= 1) return { threads: 1, note: 'One WASM thread: the browser reports a single CPU core.' };
  return { threads: Math.min(MAX_WASM_THREADS, cores), note: null };
}

/** The note when ONNX Runtime ran on fewer threads than it was given (it falls back to one when WebAssembly threads fail). */
export function fewerThreadsNote(asked: number, ran: number): string | null {
  return ran < asked ? `One WASM thread: ${asked} were asked for, but ONNX Runtime found no WebAssembly thread support in this browser and fell back to one.` : null;
}
