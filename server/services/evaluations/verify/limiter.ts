// At most `concurrency` holders at once; up to `queue` more wait in line, and anyone beyond that
// is refused with 429 at once rather than piling up work on the server.
import { TooManyRequestsError } from '@/server/errors';

export function createLimiter(concurrency: number, queue: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  /** Waits for a place and returns its release, to be called exactly once. */
  return async function acquire(): Promise<() => void> {
    if (running >= concurrency) {
      if (waiting.length >= queue) {
        throw new TooManyRequestsError('The server is verifying other evaluations right now; save again in a few seconds. Nothing was saved.', 5);
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const wake = waiting.shift();
      if (wake) wake(); // the place passes straight to the next in line
      else running--;
    };
  };
}
