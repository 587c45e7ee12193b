'use client';
// Drift per feature over time: one row per feature, one cell per time bucket, red where the
// feature drifted in that bucket (deeper the further past its threshold), green where it held,
// grey where the bucket had no events. A column's time zooms the window into that bucket.
import { clsx } from 'clsx';
import { formatDateTime } from '@/components/catalog/format';
import { formatStat, formatTick } from '../format';
import type { DriftReport } from '../types';
import { useMonitoringWindow } from '../window/window-context';

const P_VALUE_METHODS = new Set(['ks', 'chisquare', 'z']);

/** How far past (> 1) or short of (< 1) its threshold a score is, whichever way the method reads. */
function severityOf(score: number | null, threshold: number, pValue: boolean): number {
  if (score === null) return 0;
  if (pValue) return score <= 0 ? 4 : threshold / score;
  return threshold > 0 ? score / threshold : 0;
}

function cellStyle(cell: { score: number | null; drifted: boolean } | undefined, threshold: number, pValue: boolean) {
  if (!cell) return { background: 'var(--muted)' };
  const s = severityOf(cell.score, threshold, pValue);
  if (cell.drifted) return { background: `color-mix(in oklch, var(--destructive) ${Math.round(45 + Math.min(1, Math.log10(Math.max(1, s)) / 2) * 55)}%, transparent)` };
  return { background: `color-mix(in oklch, var(--success) ${Math.round(12 + Math.min(1, s) * 25)}%, transparent)` };
}

export function DriftHeatmap({ report, buckets, selected, onSelect }: { report: DriftReport; buckets: number; selected: string | null; onSelect: (feature: string) => void }) {
  const { zoom } = useMonitoringWindow();
  const from = Date.parse(report.from);
  const to = Date.parse(report.to);
  const width = (to - from) / buckets;
  const columns = Array.from({ length: buckets }, (_, b) => from + b * width);
  const byStart = new Map(report.series.map((s) => [Date.parse(s.at), s]));
  const labelEvery = Math.ceil(buckets / 8);

  return (
    <figure className="flex flex-col gap-2 rounded-xl border border-border bg-card p-4 shadow-xs" data-testid="drift-heatmap">
      <figcaption className="text-sm font-medium">Drift per feature over time</figcaption>
      <div className="overflow-x-auto">
        <div className="grid min-w-[36rem] gap-px text-xs" style={{ gridTemplateColumns: `minmax(7rem, max-content) repeat(${buckets}, minmax(0, 1fr))` }}>
          <span />
          {columns.map((start, b) => (
            <button
              key={start}
              type="button"
              onClick={() => zoom(start, start + width)}
              title={`Zoom to ${formatDateTime(new Date(start))} – ${formatDateTime(new Date(start + width))}`}
              className="h-5 truncate text-left text-[10px] text-muted-foreground tabular-nums hover:text-foreground"
            >
              {b % labelEvery === 0 ? formatTick(start, to - from) : ''}
              <span className="sr-only"> zoom to this bucket</span>
            </button>
          ))}
          {report.features.map((f) => {
            const pValue = P_VALUE_METHODS.has(f.method);
            const driftedBuckets = report.series.filter((s) => s.features[f.feature]?.drifted).length;
            return (
              <div key={f.feature} className="contents" data-testid="heatmap-row" data-feature={f.feature} data-drifted-buckets={driftedBuckets}>
                <button
                  type="button"
                  onClick={() => onSelect(f.feature)}
                  aria-pressed={selected === f.feature}
                  className={clsx('truncate pr-2 text-left font-mono hover:underline', selected === f.feature ? 'font-semibold text-primary' : 'text-foreground')}
                >
                  {f.feature}
                  <span className="sr-only">
                    : drifted in {driftedBuckets} of {report.series.length} buckets with events
                  </span>
                </button>
                {columns.map((start) => {
                  const cell = byStart.get(start)?.features[f.feature];
                  const tip = cell ? `${f.feature} · ${formatDateTime(new Date(start))}: ${cell.drifted ? 'drifted' : 'no drift'} (${pValue ? 'p-value' : f.method} ${formatStat(cell.score)}, threshold ${formatStat(f.threshold)})` : `${f.feature} · ${formatDateTime(new Date(start))}: no events`;
                  return <div key={start} aria-hidden title={tip} onClick={() => onSelect(f.feature)} className="h-6 cursor-pointer rounded-[3px]" style={cellStyle(cell, f.threshold, pValue)} />;
                })}
              </div>
            );
          })}
        </div>
      </div>
      <p className="flex flex-wrap gap-4 text-[11px] text-muted-foreground">
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-sm" style={{ background: 'color-mix(in oklch, var(--destructive) 80%, transparent)' }} /> drifted
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-sm" style={{ background: 'color-mix(in oklch, var(--success) 30%, transparent)' }} /> no drift
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-sm bg-muted" /> no events
        </span>
      </p>
    </figure>
  );
}
