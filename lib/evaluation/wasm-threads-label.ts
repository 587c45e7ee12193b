/** "WASM, 2 threads": how the evaluate page and saved evidence name the WASM threads a run used. */
export const wasmThreadsLabel = (threads: number) => `WASM, ${threads} thread${threads === 1 ? '' : 's'}`;

/** A saved evaluation's backend as evidence shows it: "WASM, 2 threads" where the threads were recorded, else the backend's name. */
export const savedBackendLabel = (e: { backend: string; wasmThreads: number | null }) => (e.backend === 'wasm' && e.wasmThreads !== null ? wasmThreadsLabel(e.wasmThreads) : e.backend);
