'use client';
// Picks the deployment page's window: a preset (last hour … last 7 days) or a custom from–to in
// UTC. Zooming on a chart sets a custom window; Back in the browser returns to the previous one.
import { clsx } from 'clsx';
import { CalendarRange } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { isoToUtcInput, utcInputToIso } from '@/components/audit/format';
import { formatDateTime } from '@/components/catalog/format';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useMonitoringWindow } from './window-context';
import { RANGE_PRESETS, RESOLUTIONS } from './window-params';
import { SegmentButton, SegmentedGroup } from '@/components/ui/segmented';

export function TimeRangePicker() {
  const { spec, window: w, stale, setSpec, resolution, setResolution } = useMonitoringWindow();
  const [editing, setEditing] = useState(false);
  return (
    <div className="flex flex-col gap-3" data-testid="time-range">
      <div className="flex flex-wrap items-center gap-2">
        <SegmentedGroup aria-label="Time range">
          {RANGE_PRESETS.map((p) => (
            <SegmentButton
              key={p.id}
              pressed={spec.range === p.id}
              onClick={() => {
                setEditing(false);
                setSpec({ range: p.id });
              }}
            >
              {p.label.replace('Last ', '')}
            </SegmentButton>
          ))}
          <SegmentButton pressed={spec.range === 'custom'} aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
            <CalendarRange aria-hidden className="size-3.5" />
            Custom
          </SegmentButton>
        </SegmentedGroup>
        <span className={clsx('text-xs text-muted-foreground tabular-nums', stale && 'animate-pulse')} data-testid="window-label">
          {formatDateTime(w.from)} – {formatDateTime(w.to)}
          {stale ? ' · loading…' : ''}
        </span>
        <SegmentedGroup aria-label="Chart detail" className="ml-auto gap-1" title="Full: one point per minute (up to 10,080 a series over a week)">
          <span className="px-1.5 text-xs text-muted-foreground">Detail</span>
          {RESOLUTIONS.map((r) => (
            <SegmentButton key={r.id} pressed={resolution === r.id} onClick={() => setResolution(r.id)}>
              {r.label}
            </SegmentButton>
          ))}
        </SegmentedGroup>
        {spec.range === 'custom' ? <span className="text-xs text-muted-foreground">Drag across a chart to zoom in; Back returns.</span> : null}
      </div>
      {editing ? <CustomRangeForm from={w.from} to={w.to} onApply={(from, to) => (setSpec({ range: 'custom', from, to }), setEditing(false))} /> : null}
    </div>
  );
}

function CustomRangeForm({ from, to, onApply }: { from: Date; to: Date; onApply: (from: string, to: string) => void }) {
  const id = useId();
  const [start, setStart] = useState(isoToUtcInput(from.toISOString()));
  const [end, setEnd] = useState(isoToUtcInput(to.toISOString()));
  const fromIso = utcInputToIso(start);
  const toIso = utcInputToIso(end);
  const valid = !!fromIso && !!toIso && fromIso < toIso;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (fromIso && toIso && valid) onApply(fromIso, toIso);
  }
  return (
    <form onSubmit={submit} aria-label="Custom time range" className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-card p-3">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-from`}>From (UTC)</Label>
        <Input id={`${id}-from`} type="datetime-local" value={start} onChange={(e) => setStart(e.currentTarget.value)} className="w-52" />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-to`}>To (UTC)</Label>
        <Input id={`${id}-to`} type="datetime-local" value={end} onChange={(e) => setEnd(e.currentTarget.value)} className="w-52" />
      </div>
      <Button type="submit" size="sm" disabled={!valid}>
        Apply
      </Button>
      {!valid ? <p className="text-xs text-destructive">“From” must be before “To”.</p> : null}
    </form>
  );
}
