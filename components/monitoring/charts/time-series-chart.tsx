'use client';
// The frame of every time-series chart on a deployment page, drawn by uPlot on a canvas: a UTC
// time axis over the window, alert markers at the moments alerts opened, drag-to-zoom (press, drag
// across, release), a legend and a tooltip with the values under the cursor. Live updates reach
// uPlot through setData; the chart is re-created only for a new theme or a new set of series. With
// more buckets than pixels (full detail) the series are drawn per pixel column (dense-series.ts).
import { useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import uPlot from 'uplot';
import { formatDateTime } from '@/components/catalog/format';
import { formatTick } from '../format';
import { useMonitoringWindow } from '../window/window-context';
import { markersPlugin, pointsPlugin, tooltipPlugin, zoomPlugin, type ChartState } from './chart-plugins';
import { adaptivePaths, densePlugin, type DenseStyle } from './dense-series';
import { frameColors, resolveColor, type Marker } from './theme';
import { UPlotChart } from './uplot-chart';

export type SeriesSpec = {
  label: string;
  /** A CSS colour (variables too): resolved for the canvas in the current theme. */
  color: string;
  /** `step`: each bucket's value holds until the next (events per bucket); `line`: joins the points. */
  kind: 'line' | 'step';
  /** Fill below the line (or down to the band's lower series) at this opacity. */
  fillOpacity?: number;
};

type Props = {
  title: string;
  /** One sentence for screen readers: what the chart shows. */
  summary: string;
  series: SeriesSpec[];
  /** Bucket start times (ms), then one column per series; null is a gap. */
  data: uPlot.AlignedData;
  /** What the legend and tooltip show, where it differs from what is drawn (a stacked chart's own shares). */
  values?: uPlot.AlignedData;
  /** Fill between series [upper, lower] (1-based, as uPlot counts them), for stacked areas. */
  bands?: [number, number][];
  from: number;
  to: number;
  bucketMs: number;
  markers: Marker[];
  yFormatter?: (v: number) => string;
  yDomain?: [number, number];
  /** Counts: y ticks at whole numbers only. */
  integer?: boolean;
  testId: string;
};

const HEIGHT = 224;
const RIGHT_PAD = 12;
const stepped = uPlot.paths.stepped?.({ align: 1 });
const linear = uPlot.paths.linear?.();
const INTEGER_STEPS = [1, 2, 5].flatMap((m) => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000].map((p) => m * p)).sort((a, b) => a - b);

/** Bumps when next-themes switches the `dark` class on <html>, so the canvas colours follow. */
function subscribeTheme(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  return () => observer.disconnect();
}
const themeSnapshot = () => document.documentElement.className;
const useThemeKey = () => useSyncExternalStore(subscribeTheme, themeSnapshot, () => '');

export function TimeSeriesChart({ title, summary, series, data, values, bands, from, to, bucketMs, markers, yFormatter, yDomain, integer, testId }: Props) {
  const { zoom } = useMonitoringWindow();
  const figure = useRef<HTMLElement>(null);
  const chart = useRef<uPlot | null>(null);
  const format = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : yFormatter ? yFormatter(v) : String(v));
  const next: ChartState & { values: uPlot.AlignedData; format: typeof format } = {
    markers,
    from,
    to,
    bucketMs,
    zoom,
    values: values ?? data,
    format,
    formatTime: (t) => formatDateTime(new Date(t)),
    formatValue: (si, idx) => `${series[si - 1]?.label ?? ''}: ${format(state.current.values[si]?.[idx])}`,
  };
  const state = useRef(next);
  const markersDrawn = useRef(markers);
  useLayoutEffect(() => {
    state.current = next;
    if (markersDrawn.current !== markers) {
      markersDrawn.current = markers;
      chart.current?.redraw(false, false);
    }
  });

  const theme = useThemeKey();
  const layout = JSON.stringify({ series, bands, yDomain, integer });
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    void theme; // re-resolve the colours when the theme changes
    const colors = frameColors();
    const get = () => state.current;
    const axis = { stroke: colors.text, font: colors.font, ticks: { show: false }, gap: 4 };
    const { series: specs, bands: fills, yDomain: domain, integer: whole } = JSON.parse(layout) as { series: SeriesSpec[]; bands?: [number, number][]; yDomain?: [number, number]; integer?: boolean };
    const bucketMs = () => get().bucketMs;
    // The same colours for uPlot's paths and for the per-pixel drawing of dense series.
    const styles = specs.map<DenseStyle>((s, i) => ({
      stroke: resolveColor(s.color),
      fill: s.fillOpacity ? resolveColor(s.color, s.fillOpacity) : undefined,
      width: s.kind === 'step' && fills?.length ? 1 : 1.5,
      lower: fills?.find(([upper]) => upper === i + 1)?.[1],
      edge: fills?.some((band) => band.includes(i + 1)) ? 'mean' : 'span',
    }));
    return {
      ms: 1,
      tzDate: (ts) => uPlot.tzDate(new Date(ts), 'Etc/UTC'),
      padding: [8, RIGHT_PAD, 0, 0],
      legend: { live: true },
      cursor: { points: { size: 6 }, y: false },
      select: { show: true, left: 0, top: 0, width: 0, height: 0 },
      scales: { y: { range: domain ?? ((_u, _min, max) => [0, max > 0 ? uPlot.rangeNum(0, max, 0.1, true)[1] : 1]) } },
      axes: [
        // Ticks read "12:30" within a day and "03-04 12:30" across days: the wider ones need more room.
        {
          ...axis,
          grid: { show: false },
          space: (_u, _i, min, max) => (max - min > 86_400_000 ? 100 : 60),
          // A tick too close to the right edge would have its label cut off: it goes unlabelled.
          filter: (u, splits) => splits.map((v) => (u.bbox.width / uPlot.pxRatio - u.valToPos(v, 'x') + RIGHT_PAD < (get().to - get().from > 86_400_000 ? 34 : 17) ? null : v)),
          values: (_u, splits) => splits.map((v) => (v == null ? null : formatTick(v, get().to - get().from))),
        },
        { ...axis, size: 56, grid: { stroke: colors.grid, dash: [3, 3], width: 1 }, incrs: whole ? INTEGER_STEPS : undefined, values: (_u, splits) => splits.map((v) => get().format(v)) },
      ],
      series: [
        { label: 'Time (UTC)', value: (_u, v) => (v == null ? '—' : formatDateTime(new Date(v))) },
        ...specs.map<uPlot.Series>((s, i) => ({
          label: s.label,
          stroke: styles[i]?.stroke,
          fill: styles[i]?.fill,
          width: styles[i]?.width,
          paths: adaptivePaths(s.kind === 'step' ? stepped : linear, bucketMs),
          points: { show: false },
          value: (_u, _v, _si, idx) => (idx == null ? '—' : get().format(get().values[i + 1]?.[idx])),
        })),
      ],
      bands: fills?.map(([upper, lower]) => ({ series: [upper, lower] })),
      plugins: [densePlugin(() => styles, bucketMs), markersPlugin(get, colors), zoomPlugin(get), tooltipPlugin(get), pointsPlugin(() => figure.current)],
    };
  }, [theme, layout]);

  const shown = markers.filter((m) => m.at >= from && m.at <= to);
  const buckets = data[0].length;
  return (
    <figure ref={figure} className="mg-chart flex min-w-0 flex-col gap-2 rounded-xl border border-border bg-card p-4 shadow-xs" data-testid={testId} data-buckets={buckets} data-series={series.length}>
      <figcaption className="flex items-baseline justify-between gap-2 text-sm font-medium">
        {title}
        {shown.length ? <span className="text-xs font-normal text-muted-foreground">{shown.length} alert marker{shown.length === 1 ? '' : 's'}</span> : null}
      </figcaption>
      <div role="img" aria-label={`${summary} ${buckets.toLocaleString('en')} buckets from ${formatDateTime(new Date(from))} to ${formatDateTime(new Date(to))}.`} className="min-h-56 w-full cursor-crosshair select-none">
        <UPlotChart options={options} data={data} xRange={[from, to]} height={HEIGHT} onChart={(u) => (chart.current = u)} />
      </div>
    </figure>
  );
}
