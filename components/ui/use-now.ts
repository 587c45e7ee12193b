'use client';
import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `everyMs`, for anything a render derives from the clock (relative
 * times, expiry). Null until mounted: the server's HTML and the browser's first render must be the same,
 * and their clocks differ (React error #418 otherwise), so time-dependent text appears after hydration.
 */
export function useNow(everyMs = 30_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
