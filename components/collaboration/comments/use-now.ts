'use client';
import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `everyMs`, so time-limited actions (editing) disappear when
 * they expire. Null until mounted: the first render matches the server's (which decided by its clock).
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
