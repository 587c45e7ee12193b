// TF.js's WASM backend stays on its single-threaded SIMD build. On a cross-origin isolated page it
// would pick its threaded build by itself, whose threads importScripts a Blob copy of TF.js's
// factory: the evaluation worker's CSP allows no blob: scripts, so the backend would fail to start.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm'; // registers the WASM flags set below

export const TFJS_WASM_THREADS_NOTE =
  "One WASM thread: TF.js's threaded WASM build loads its threads from blob: scripts, which this app's Content-Security-Policy does not allow.";

/** Call before the WASM backend first starts (tf.setBackend('wasm')). */
export function singleThreadedTfjsWasm() {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}
