// A seeded random source for the demo data: every draw comes from one seedrandom stream, so the
// same seed gives the same datasets, splits and epoch orders on every machine.
import seedrandom from 'seedrandom';

export type Rng = {
  uniform(min?: number, max?: number): number;
  normal(mean?: number, sd?: number): number;
  int(min: number, max: number): number;
  poisson(lambda: number): number;
  bernoulli(p: number): boolean;
  /** Picks one key, with probability proportional to its weight (insertion order is the tie order). */
  pick<K extends string>(weights: Record<K, number>): K;
  shuffle<T>(items: readonly T[]): T[];
};

export function createRng(seed: string): Rng {
  const next = seedrandom(seed);
  const uniform = (min = 0, max = 1) => min + (max - min) * next();
  let spare: number | null = null;
  const standardNormal = () => {
    // Box-Muller, keeping the second draw.
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - next(); // (0, 1]
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    uniform,
    normal: (mean = 0, sd = 1) => mean + sd * standardNormal(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    poisson(lambda) {
      // Knuth; lambda stays small here.
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    bernoulli: (p) => next() < p,
    pick(weights) {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [key, w] of entries) {
        r -= w;
        if (r < 0) return key;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error('pick() needs at least one weight');
      return last[0];
    },
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const a = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = a;
      }
      return out;
    },
  };
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Rounds to `digits` decimals; the CSV then holds exactly the value the model was trained on. */
export const round = (x: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
