'use client';
// The deployment page's time window, shared by its charts, drift report and alert markers. It lives
// in the URL; relative ranges slide with the clock (once a minute). Widgets read a deferred copy,
// so a new window keeps the current charts on screen, dimmed, until its data arrives.
import { usePathname, useSearchParams } from 'next/navigation';
import { createContext, startTransition, useContext, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_RANGE, minuteEnd, parseResolution, parseWindowSpec, resolveWindow, windowParams, type RangePreset, type Resolution, type ResolvedWindow, type WindowSpec } from './window-params';

type WindowContextValue = {
  spec: WindowSpec;
  window: ResolvedWindow;
  /** A newer window is loading; the widgets still show the previous one. */
  stale: boolean;
  setSpec: (next: WindowSpec) => void;
  /** Narrows the window to [from, to] (milliseconds); the browser's Back returns to the previous one. */
  zoom: (from: number, to: number) => void;
  /** Chart detail: standard (about 300 points a series) or full (every minute). */
  resolution: Resolution;
  setResolution: (next: Resolution) => void;
};

const WindowContext = createContext<WindowContextValue | null>(null);

/** The end of the current minute, moved on as minutes pass (the server rendered with `initial`). */
export function useMinuteAnchor(initial: number): number {
  const [anchor, setAnchor] = useState(initial);
  useEffect(() => {
    const timer = setTimeout(() => startTransition(() => setAnchor((prev) => Math.max(prev + 60_000, minuteEnd(Date.now())))), Math.max(1_000, anchor - Date.now() + 250));
    return () => clearTimeout(timer);
  }, [anchor]);
  return anchor;
}

/** `defaultRange` is the range without one in the URL (fittingRange of the deployment's data). */
export function MonitoringWindowProvider({ anchor: initialAnchor, defaultRange = DEFAULT_RANGE, children }: { anchor: number; defaultRange?: RangePreset; children: ReactNode }) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const anchor = useMinuteAnchor(initialAnchor);
  const query = searchParams.toString();
  const spec = useMemo(() => parseWindowSpec(new URLSearchParams(query), defaultRange), [query, defaultRange]);
  const resolution = useDeferredValue(parseResolution(new URLSearchParams(query)));
  const resolved = resolveWindow(spec, anchor);
  const fromMs = resolved.from.getTime();
  const toMs = resolved.to.getTime();
  const current = useMemo(() => ({ from: new Date(fromMs), to: new Date(toMs) }), [fromMs, toMs]);
  const deferred = useDeferredValue(current);

  const value = useMemo<WindowContextValue>(() => {
    const go = (next: WindowSpec, mode: 'push' | 'replace') => {
      const params = windowParams(new URLSearchParams(query), next, defaultRange).toString();
      window.history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', params ? `${pathname}?${params}` : pathname);
    };
    return {
      spec,
      window: deferred,
      stale: deferred !== current,
      resolution,
      setResolution: (next) => {
        const params = new URLSearchParams(query);
        if (next === 'full') params.set('detail', 'full');
        else params.delete('detail');
        const q = params.toString();
        window.history.replaceState(null, '', q ? `${pathname}?${q}` : pathname);
      },
      setSpec: (next) => go(next, 'push'),
      zoom: (from, to) => {
        // Whole minutes: the aggregates are per minute, so a narrower window holds nothing more.
        const start = Math.floor(Math.min(from, to) / 60_000) * 60_000;
        const end = Math.max(start + 60_000, Math.ceil(Math.max(from, to) / 60_000) * 60_000);
        go({ range: 'custom', from: new Date(start).toISOString(), to: new Date(end).toISOString() }, 'push');
      },
    };
  }, [spec, deferred, current, query, pathname, resolution, defaultRange]);

  return <WindowContext.Provider value={value}>{children}</WindowContext.Provider>;
}

export function useMonitoringWindow(): WindowContextValue {
  const value = useContext(WindowContext);
  if (!value) throw new Error('useMonitoringWindow needs a MonitoringWindowProvider');
  return value;
}
