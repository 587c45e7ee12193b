// The time window of a deployment page <-> URL search params (?range=6h, or ?range=custom&from&to).
// The server page and the client widgets both resolve it with the same anchor (the end of the
// current minute), so the prefetched query keys are the ones the widgets read.

export const RANGE_PRESETS = [
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];
export type WindowSpec = { range: RangePreset } | { range: 'custom'; from: string; to: string };
export type ResolvedWindow = { from: Date; to: Date };

export const DEFAULT_RANGE: RangePreset = '24h';
/** Points per chart series; the server picks the bucket width that gives about this many. "Full"
 * detail (?detail=full) asks for 1-minute buckets over up to a week: 10,080 points a series. The
 * charts draw on a canvas (uPlot), which keeps that smooth; bench:charts measures it. */
export const RESOLUTIONS = [
  { id: 'standard', label: 'Standard', points: 300 },
  { id: 'full', label: 'Full', points: 10_080 },
] as const;
export type Resolution = (typeof RESOLUTIONS)[number]['id'];
const CHART_POINTS = 300;
/** Time buckets of the drift heat-map. */
export const DRIFT_BUCKETS = 24;
/** The server computes drift over at most 31 days of raw events. */
export const MAX_DRIFT_MS = 31 * 86_400_000;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(source: ParamSource, key: string): string | undefined {
  const raw = typeof (source as URLSearchParams).get === 'function' ? (source as URLSearchParams).get(key) : (source as Record<string, string | string[] | undefined>)[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value || undefined;
}

const isoOf = (value: string | undefined) => {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
};

/**
 * The default range of a deployment page: the shortest preset that holds all of a young deployment's
 * data (first event 20 minutes ago: the last hour, not 24 hours squashed into one bar), the last
 * 24 hours otherwise.
 */
export function fittingRange(firstEventAt: Date | string | null, anchor: number): RangePreset {
  if (!firstEventAt) return DEFAULT_RANGE;
  const age = anchor - new Date(firstEventAt).getTime();
  const fit = RANGE_PRESETS.find((p) => p.ms >= age);
  return fit && fit.ms <= 86_400_000 ? fit.id : DEFAULT_RANGE;
}

/** Unknown ranges and unreadable or reversed dates fall back to the default rather than failing the page. */
export function parseWindowSpec(source: ParamSource, fallback: RangePreset = DEFAULT_RANGE): WindowSpec {
  const range = read(source, 'range');
  if (range === 'custom') {
    const from = isoOf(read(source, 'from'));
    const to = isoOf(read(source, 'to'));
    if (from && to && from < to) return { range: 'custom', from, to };
  }
  const preset = RANGE_PRESETS.find((p) => p.id === range);
  return { range: preset?.id ?? fallback };
}

/** The end of the current minute: relative windows end there, so events of this minute count. */
export const minuteEnd = (now: number) => Math.floor(now / 60_000) * 60_000 + 60_000;

export function resolveWindow(spec: WindowSpec, anchor: number): ResolvedWindow {
  if (spec.range === 'custom') return { from: new Date(spec.from), to: new Date(spec.to) };
  const preset = RANGE_PRESETS.find((p) => p.id === spec.range) ?? RANGE_PRESETS[2];
  return { from: new Date(anchor - preset.ms), to: new Date(anchor) };
}

export function windowParams(current: URLSearchParams, spec: WindowSpec, fallback: RangePreset = DEFAULT_RANGE): URLSearchParams {
  const params = new URLSearchParams(current);
  params.delete('from');
  params.delete('to');
  if (spec.range === fallback) params.delete('range');
  else params.set('range', spec.range);
  if (spec.range === 'custom') {
    params.set('from', spec.from);
    params.set('to', spec.to);
  }
  return params;
}

/** ?detail=full asks for every minute; anything else is the standard resolution. */
export function parseResolution(source: ParamSource): Resolution {
  return read(source, 'detail') === 'full' ? 'full' : 'standard';
}

export const statsInput = (deploymentId: string, w: ResolvedWindow, resolution: Resolution = 'standard') => ({ deploymentId, from: w.from, to: w.to, points: RESOLUTIONS.find((r) => r.id === resolution)?.points ?? CHART_POINTS });
export const driftInput = (deploymentId: string, w: ResolvedWindow) => ({ deploymentId, from: w.from, to: w.to, buckets: DRIFT_BUCKETS });
/** The overview's per-deployment window: the last hour, up to the end of the current minute. */
export const lastHourInput = (deploymentId: string, anchor: number) => ({ deploymentId, from: new Date(anchor - 3_600_000), to: new Date(anchor), points: 12 });
