// The rows the server predicts itself: chosen with the operating system's cryptographic random
// source only after the predictions have arrived, so a client cannot know which rows to get right.
import { randomInt } from 'node:crypto';

/** `size` distinct positions in [0, n) (all of them when n <= size), ascending (Floyd's algorithm). */
export function pickSample(n: number, size: number): Int32Array {
  if (n <= size) return Int32Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>();
  for (let j = n - size; j < n; j++) {
    const t = randomInt(0, j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}
