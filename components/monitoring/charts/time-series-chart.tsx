'use client';
// The frame of every time-series chart on a deployment page: a UTC time axis over the window,
// alert markers at the moments alerts opened, and drag-to-zoom (press, drag across, release).
import { useState, type ReactNode } from 'react';
import { CartesianGrid, ComposedChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type MouseHandlerDataParam } from 'recharts';
import { formatDateTime } from '@/components/catalog/format';
import { formatTick } from '../format';
import { useMonitoringWindow } from '../window/window-context';
import { AXIS, SEVERITY_COLOR, TOOLTIP, type Marker } from './theme';

type Props = {
  title: string;
  /** One sentence for screen readers: what the chart shows. */
  summary: string;
  data: object[];
  from: number;
  to: number;
  bucketMs: number;
  markers: Marker[];
  yFormatter?: (v: number) => string;
  yDomain?: [number | 'auto', number | 'auto'];
  testId: string;
  children: ReactNode;
};

const labelOf = (state: MouseHandlerDataParam) => (typeof state.activeLabel === 'number' ? state.activeLabel : Number(state.activeLabel));

export function TimeSeriesChart({ title, summary, data, from, to, bucketMs, markers, yFormatter, yDomain, testId, children }: Props) {
  const { zoom } = useMonitoringWindow();
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const span = to - from;
  const shown = markers.filter((m) => m.at >= from && m.at <= to);

  function finish() {
    if (drag && drag.start !== drag.end) zoom(Math.min(drag.start, drag.end), Math.max(drag.start, drag.end) + bucketMs);
    setDrag(null);
  }

  return (
    <figure className="flex min-w-0 flex-col gap-2 rounded-xl border border-border bg-card p-4 shadow-xs" data-testid={testId}>
      <figcaption className="flex items-baseline justify-between gap-2 text-sm font-medium">
        {title}
        {shown.length ? <span className="text-xs font-normal text-muted-foreground">{shown.length} alert marker{shown.length === 1 ? '' : 's'}</span> : null}
      </figcaption>
      <div className="h-56 w-full cursor-crosshair select-none" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={data}
            margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
            onMouseDown={(state) => {
              const at = labelOf(state);
              if (Number.isFinite(at)) setDrag({ start: at, end: at });
            }}
            onMouseMove={(state) => {
              const at = labelOf(state);
              if (drag && Number.isFinite(at) && at !== drag.end) setDrag({ ...drag, end: at });
            }}
            onMouseUp={finish}
            onMouseLeave={() => setDrag(null)}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} allowDataOverflow tickFormatter={(v: number) => formatTick(v, span)} minTickGap={40} {...AXIS} />
            <YAxis width={52} tickFormatter={yFormatter} domain={yDomain} allowDataOverflow={!!yDomain} {...AXIS} />
            <Tooltip {...TOOLTIP} isAnimationActive={false} labelFormatter={(v) => formatDateTime(new Date(Number(v)))} formatter={(v) => (yFormatter && typeof v === 'number' ? yFormatter(v) : String(v))} />
            {children}
            {shown.map((m) => (
              <ReferenceLine key={m.id} x={m.at} stroke={SEVERITY_COLOR[m.severity]} strokeDasharray="4 3" strokeWidth={1.5} ifOverflow="hidden" label={shown.length <= 8 ? { value: m.label, position: 'insideTopLeft', fontSize: 10, fill: SEVERITY_COLOR[m.severity] } : undefined} />
            ))}
            {drag && drag.start !== drag.end ? <ReferenceArea x1={Math.min(drag.start, drag.end)} x2={Math.max(drag.start, drag.end)} fill="var(--primary)" fillOpacity={0.12} strokeOpacity={0} /> : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
