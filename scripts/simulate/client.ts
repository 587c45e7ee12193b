// Posts batches to the ingestion API and keeps at it through the failures a real sender meets:
// 429 and 503 wait for Retry-After, network errors and gateway errors back off and retry the same
// batch (event ids make that safe). A refused key stops the run; a refused batch is dropped.
export class FatalError extends Error {}

export type PostOutcome<T> = { ok: true; body: T; retries: number } | { ok: false; error: string; retries: number };

export type PostOptions = {
  url: string;
  key: string;
  signal: AbortSignal;
  /** Called before each wait, with why and how long. */
  onRetry?: (reason: string, waitMs: number) => void;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Attempts for a plain 500 (a server bug), after which the batch is dropped. */
  maxServerErrors?: number;
};

export const MAX_BACKOFF_MS = 30_000;

export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

const messageOf = async (res: Response) => {
  const text = await res.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    return parsed.error?.message ?? text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
};

export async function postWithRetry<T>(path: string, payload: unknown, o: PostOptions): Promise<PostOutcome<T>> {
  const doFetch = o.fetchImpl ?? fetch;
  const wait = o.sleep ?? sleep;
  const body = JSON.stringify(payload);
  let attempt = 0;
  let serverErrors = 0;
  for (;;) {
    if (o.signal.aborted) return { ok: false, error: 'stopped', retries: attempt };
    attempt += 1;
    let res: Response;
    try {
      res = await doFetch(`${o.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.key}` },
        body,
        signal: AbortSignal.any([o.signal, AbortSignal.timeout(30_000)]),
      });
    } catch (err) {
      if (o.signal.aborted) return { ok: false, error: 'stopped', retries: attempt - 1 };
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const ms = backoffMs(attempt);
      o.onRetry?.(`network: ${cause?.code ?? cause?.message ?? (err as Error).message}`, ms);
      await wait(ms, o.signal);
      continue;
    }
    if (res.ok) return { ok: true, body: (await res.json()) as T, retries: attempt - 1 };
    const message = await messageOf(res);
    if (res.status === 401 || res.status === 403) throw new FatalError(`${res.status}: ${message}`);
    if (res.status === 429 || res.status === 502 || res.status === 503 || res.status === 504 || (res.status === 500 && ++serverErrors < (o.maxServerErrors ?? 5))) {
      const ms = retryAfterMs(res.headers.get('retry-after')) ?? backoffMs(attempt);
      o.onRetry?.(`${res.status}: ${message}`, ms);
      await wait(ms, o.signal);
      continue;
    }
    return { ok: false, error: `${res.status}: ${message}`, retries: attempt - 1 };
  }
}
