// The deployment charts' behaviour as uPlot plugins: alert markers, drag-to-zoom, a tooltip at the
// cursor, and the drawn-point count the tests and bench:charts read. Each reads its inputs through
// `get`, so new markers or a new zoom handler need a redraw, not a new chart.
import type uPlot from 'uplot';
import type { Severity } from '../types';
import type { FrameColors, Marker } from './theme';

export type ChartState = {
  markers: Marker[];
  from: number;
  to: number;
  bucketMs: number;
  zoom: (from: number, to: number) => void;
  /** The label and value text of series `si` at bucket `idx` (the tooltip shows the same as the legend). */
  formatValue: (si: number, idx: number) => string;
  formatTime: (t: number) => string;
};

/** Dashed vertical lines where alerts opened, labelled while there are few enough to read. */
export function markersPlugin(get: () => ChartState, colors: FrameColors): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { markers, from, to } = get();
        const shown = markers.filter((m) => m.at >= from && m.at <= to);
        if (!shown.length) return;
        const ctx = u.ctx;
        const px = devicePixelRatio || 1;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.lineWidth = 1.5 * px;
        ctx.setLineDash([4 * px, 3 * px]);
        ctx.font = colors.font.replace(/^\d+px/, `${10 * px}px`);
        ctx.textBaseline = 'top';
        for (const m of shown) {
          const x = Math.round(u.valToPos(m.at, 'x', true));
          const color = colors.severity[m.severity as Severity];
          ctx.strokeStyle = color;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          if (shown.length <= 8) {
            ctx.fillStyle = color;
            ctx.fillText(m.label, x + 3 * px, top + 3 * px);
          }
        }
        ctx.restore();
      },
    },
  };
}

/** Press, drag across and release: the window narrows to the buckets selected. */
export function zoomPlugin(get: () => ChartState): uPlot.Plugin {
  return {
    opts: (_u, opts) => ({ ...opts, cursor: { ...opts.cursor, drag: { x: true, y: false, setScale: false } } }),
    hooks: {
      setSelect: (u) => {
        const { left, width } = u.select;
        if (width < 3) return;
        const { from, bucketMs, zoom } = get();
        const a = u.posToVal(left, 'x');
        const b = u.posToVal(left + width, 'x');
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        zoom(from + Math.floor((a - from) / bucketMs) * bucketMs, from + Math.ceil((b - from) / bucketMs) * bucketMs);
      },
    },
  };
}

/** The bucket under the cursor: its time and each series' value, in a box beside the cursor. */
export function tooltipPlugin(get: () => ChartState): uPlot.Plugin {
  let box: HTMLDivElement | null = null;
  return {
    hooks: {
      init: (u) => {
        box = document.createElement('div');
        box.className = 'mg-chart-tooltip';
        box.hidden = true;
        u.over.appendChild(box);
        u.over.addEventListener('mouseleave', () => box && (box.hidden = true));
      },
      setCursor: (u) => {
        const idx = u.cursor.idx;
        const { left = -1, top = -1 } = u.cursor;
        if (!box) return;
        if (idx == null || left < 0) {
          box.hidden = true;
          return;
        }
        const { formatTime, formatValue } = get();
        const time = document.createElement('div');
        time.className = 'mg-chart-tooltip-time';
        time.textContent = formatTime(Number(u.data[0][idx]));
        const rows = u.series.slice(1).flatMap((s, i) => {
          if (!s.show) return [];
          const row = document.createElement('div');
          row.textContent = formatValue(i + 1, idx);
          return [row];
        });
        box.replaceChildren(time, ...rows);
        box.hidden = false;
        const overWidth = u.over.clientWidth;
        const flip = left > overWidth / 2;
        box.style.left = flip ? '' : `${left + 12}px`;
        box.style.right = flip ? `${overWidth - left + 12}px` : '';
        box.style.top = `${Math.max(0, top - 12)}px`;
      },
    },
  };
}

/** Counts the points drawn (non-null values in view, over the shown series) onto `target`:
 * data-points, and data-draws (how many times the canvas was drawn). */
export function pointsPlugin(target: () => HTMLElement | null): uPlot.Plugin {
  let draws = 0;
  return {
    hooks: {
      draw: (u) => {
        // The buckets inside the x scale (times ascend); series.idxs is not kept for fixed y ranges.
        const xs = u.data[0];
        const { min = -Infinity, max = Infinity } = u.scales.x ?? {};
        const i0 = lowerBound(xs, min);
        const i1 = lowerBound(xs, max + 1) - 1;
        let points = 0;
        for (let s = 1; s < u.series.length; s++) {
          const ys = u.data[s];
          if (!u.series[s]?.show || !ys) continue;
          for (let i = i0; i <= i1; i++) if (ys[i] != null) points++;
        }
        const el = target();
        if (!el) return;
        el.dataset.points = String(points);
        el.dataset.draws = String(++draws);
      },
    },
  };
}

/** The first index whose value is at least `x`, in ascending values. */
function lowerBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
