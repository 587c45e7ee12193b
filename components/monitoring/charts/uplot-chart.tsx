'use client';
// uPlot (canvas) in React: the chart is created once per set of options and sized to its host;
// new data goes through setData, so a live update redraws in place instead of re-creating it.
import { useEffect, useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

type Props = {
  /** Memoise these: a new object re-creates the chart (for a new theme or series layout, never per update). */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  /** The x scale's range, whatever the data holds (the window, not the first to last bucket). */
  xRange: [number, number];
  /** Height of the plot and its axes in CSS pixels (the legend adds to it). */
  height: number;
  /** Receives the chart once it exists, and null when it is destroyed. */
  onChart?: (chart: uPlot | null) => void;
  className?: string;
};

export function UPlotChart({ options, data, xRange, height, onChart, className }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const fed = useRef<uPlot.AlignedData | null>(null);
  const range = useRef(xRange);
  const latest = useRef({ data, xRange, onChart });
  latest.current = { data, xRange, onChart };

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const { data: initial, xRange: initialRange, onChart: notify } = latest.current;
    range.current = initialRange;
    const scales = { ...options.scales, x: { time: true, ...options.scales?.x, range: (): uPlot.Range.MinMax => range.current } };
    const u = new uPlot({ ...options, scales, width: Math.max(1, el.clientWidth), height }, initial, el);
    chart.current = u;
    fed.current = initial;
    notify?.(u);
    // Follows the host's width (the grid column); heights are fixed.
    const observer = new ResizeObserver(() => {
      const width = el.clientWidth;
      if (width > 0 && width !== u.width) u.setSize({ width, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      notify?.(null);
      u.destroy();
      chart.current = null;
    };
  }, [options, height]);

  // New data is drawn in the next animation frame, not in React's commit: the commit and the
  // redraw are then two shorter tasks, and updates arriving within one frame draw once.
  const [from, to] = xRange;
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      // The chart of this moment: a new theme may have re-created it since (with this data already).
      const u = chart.current;
      if (!u || (fed.current === data && range.current[0] === from && range.current[1] === to)) return;
      range.current = [from, to];
      fed.current = data;
      u.setData(data);
    });
    return () => cancelAnimationFrame(frame);
  }, [data, from, to]);

  return <div ref={host} className={className} />;
}
