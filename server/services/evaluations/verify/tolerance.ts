// When the browser's output for a row and the server's own output for it count as the same
// prediction. TF.js backends compute in float32 but differ in summation order, fused multiply-adds
// and GPU approximations of exp/tanh: on the demo models WASM and CPU differ by ~1e-7 and
// float32-level noise by ~1e-6 (bench/verify.ts prints the measured gap). A tolerance of 1e-3
// leaves a thousandfold headroom over that and bounds what a fabricator can gain without being
// caught on the rows sampled: moving a probability by at most 0.001.
import type { TaskType } from '@/lib/validation/catalog';

/** Largest difference allowed per output: absolute for probabilities, relative past 1 for regression values. */
export const OUTPUT_TOLERANCE = 1e-3;

const close = (claimed: number, server: number) => {
  if (Number.isNaN(server) || Number.isNaN(claimed)) return Number.isNaN(server) && Number.isNaN(claimed);
  return Math.abs(claimed - server) <= OUTPUT_TOLERANCE * Math.max(1, Math.abs(server));
};

const argmax = (v: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < v.length; i++) if ((v[i] ?? -Infinity) > (v[best] ?? -Infinity)) best = i;
  return best;
};

/**
 * Whether the browser's outputs for one row agree with the server's: every output within the
 * tolerance and, where the server's margin is clear (more than the tolerance from the threshold,
 * or between its two most likely classes), the same predicted class.
 */
export function rowsAgree(taskType: TaskType, claimed: ArrayLike<number>, server: ArrayLike<number>, threshold: number): boolean {
  if (claimed.length !== server.length) return false;
  for (let i = 0; i < server.length; i++) if (!close(claimed[i] ?? Number.NaN, server[i] ?? Number.NaN)) return false;
  if (taskType === 'binary_classification') {
    const s = server[0] ?? Number.NaN;
    const c = claimed[0] ?? Number.NaN;
    return Math.abs(s - threshold) <= OUTPUT_TOLERANCE || s >= threshold === c >= threshold;
  }
  if (taskType === 'multiclass_classification') {
    const top = argmax(server);
    const second = Math.max(...Array.from(server).filter((_, i) => i !== top));
    return (server[top] ?? 0) - second <= 2 * OUTPUT_TOLERANCE || argmax(claimed) === top;
  }
  return true;
}
