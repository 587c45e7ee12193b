// Series with more buckets than pixels (a week at 1-minute detail is 10,080 buckets in ~700 px),
// drawn as one rectangle per pixel column instead of a path through every point. A canvas path
// that thick rasterises slowly without a GPU (~50 ms a chart in headless Chromium); rectangles
// take well under a millisecond and look the same at that density. Lines become their min-to-max
// span per column (joined to the column before); areas are filled to the column's mean, so stacked
// shares still read as the shares over those buckets, with their edges at the mean.
import uPlot from 'uplot';

export type DenseStyle = {
  stroke: string;
  fill?: string;
  width: number;
  /** Band: fill down to this series (its mean) instead of 0. */
  lower?: number;
  /** `span`: the line covers the column's min to max (a spike stays visible); `mean`: an edge at the
   * mean, for stacked areas, whose edges are boundaries between shares rather than lines to read. */
  edge: 'span' | 'mean';
};

/** Device pixels a bucket must be at least for the usual paths (steps and lines through points). */
const MIN_BUCKET_PX = 2;

function isDense(u: uPlot, bucketMs: number): boolean {
  const { min, max } = u.scales.x ?? {};
  if (min == null || max == null || max <= min) return false;
  return (bucketMs / (max - min)) * u.bbox.width < MIN_BUCKET_PX;
}

/** The path builder for a series: `sparse` while buckets are wide enough, nothing when dense (the plugin draws). */
export function adaptivePaths(sparse: uPlot.Series.PathBuilder | undefined, bucketMs: () => number): uPlot.Series.PathBuilder {
  return (u, si, i0, i1) => (isDense(u, bucketMs()) ? null : (sparse?.(u, si, i0, i1) ?? null));
}

type ColumnStats = { lo: Float64Array; hi: Float64Array; sum: Float64Array; n: Uint32Array };

function columnStats(u: uPlot, si: number, width: number): ColumnStats {
  const lo = new Float64Array(width).fill(Infinity);
  const hi = new Float64Array(width).fill(-Infinity);
  const sum = new Float64Array(width);
  const n = new Uint32Array(width);
  const xs = u.data[0];
  const ys = u.data[si] ?? [];
  const min = u.scales.x?.min ?? 0;
  const max = u.scales.x?.max ?? 1;
  const scale = width / (max - min);
  let prevCol = -2;
  let prev: number | null = null;
  for (let i = 0; i < xs.length; i++) {
    const col = Math.floor(((xs[i] as number) - min) * scale);
    const v = ys[i];
    if (col < 0 || col >= width || v == null) {
      if (v == null) prev = null;
      continue;
    }
    // A column starts from where the line left the one before, so the spans join up.
    if (col !== prevCol && prev !== null && col === prevCol + 1) {
      lo[col] = Math.min(lo[col] as number, prev);
      hi[col] = Math.max(hi[col] as number, prev);
    }
    if (v < (lo[col] as number)) lo[col] = v;
    if (v > (hi[col] as number)) hi[col] = v;
    sum[col] = (sum[col] as number) + v;
    n[col] = (n[col] as number) + 1;
    prevCol = col;
    prev = v;
  }
  return { lo, hi, sum, n };
}

export function densePlugin(styles: () => DenseStyle[], bucketMs: () => number): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        if (!isDense(u, bucketMs())) return;
        const { left, top, width, height } = u.bbox;
        const columns = Math.max(1, Math.round(width));
        const all = styles();
        const stats = new Map<number, ColumnStats>();
        const statsOf = (si: number) => {
          const known = stats.get(si);
          if (known) return known;
          const computed = columnStats(u, si, columns);
          stats.set(si, computed);
          return computed;
        };
        const y = (v: number) => Math.min(top + height, Math.max(top, u.valToPos(v, 'y', true)));
        const ctx = u.ctx;
        ctx.save();
        const shown = all.map((_, i) => i + 1).filter((si) => u.series[si]?.show);
        // Fills first (bottom to top), then every line over them.
        for (const si of shown) {
          const style = all[si - 1];
          if (!style?.fill) continue;
          const s = statsOf(si);
          const lower = style.lower && u.series[style.lower]?.show ? statsOf(style.lower) : null;
          ctx.fillStyle = style.fill;
          for (let c = 0; c < columns; c++) {
            const count = s.n[c] as number;
            if (!count) continue;
            const lowCount = lower ? (lower.n[c] as number) : 0;
            const base = lower ? (lowCount ? y((lower.sum[c] as number) / lowCount) : y(0)) : y(0);
            const mean = y((s.sum[c] as number) / count);
            ctx.fillRect(left + c, mean, 1, base - mean);
          }
        }
        for (const si of shown) {
          const style = all[si - 1];
          if (!style) continue;
          const s = statsOf(si);
          const lw = style.width * uPlot.pxRatio;
          ctx.fillStyle = style.stroke;
          for (let c = 0; c < columns; c++) {
            if (!s.n[c]) continue;
            const mean = style.edge === 'mean' ? (s.sum[c] as number) / (s.n[c] as number) : 0;
            const yTop = y(style.edge === 'mean' ? mean : (s.hi[c] as number)) - lw / 2;
            const yBottom = y(style.edge === 'mean' ? mean : (s.lo[c] as number)) + lw / 2;
            ctx.fillRect(left + c, yTop, 1, yBottom - yTop);
          }
        }
        ctx.restore();
      },
    },
  };
}
