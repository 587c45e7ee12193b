// The HTTP edge of prediction ingestion (/api/v1/events, /api/v1/labels): ingestion-key auth, a
// body size cap (413), a per-key event rate shared by all instances (429), a per-instance cap on
// batches in flight (queued briefly, then 503), and database outages answered 503 with Retry-After,
// never 500. The key becomes the actor of an ordinary service context, and the verb does the rest.
// The route handlers pass in the app's database and bus; tests pass their own.
import 'server-only';
import JSON5 from 'json5';
import type { Database } from '@/server/db/connect';
import { isDatabaseUnavailable, logDatabaseUnavailable } from '@/server/db/errors';
import { env } from '@/server/env';
import { PayloadTooLargeError, UnauthorizedError, ValidationError } from '@/server/errors';
import type { EventBus } from '@/server/events/types';
import type { ServiceContext } from '@/server/services/context';
import { authenticateIngestionKey, type IngestionPrincipal } from '@/server/services/monitoring/ingestion-keys';
import { takeIngestionTokens } from '@/server/services/monitoring/ingestion-rate';
import { requestMeta } from './request-meta';
import { errorResponse } from './respond';

export type IngestDeps = { db: Database; bus: EventBus; limits?: { ratePerKey: number } };

/** Reads at most `maxBytes` of the body; 413 past it, before reading the rest. */
async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  const tooLarge = () => new PayloadTooLargeError(`The body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; send smaller batches.`);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const reader = req.body?.getReader();
  if (!reader) throw new ValidationError('The request has no body.');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    // Python's json.dumps writes NaN and Infinity by default: read them, so the events that hold
    // them are refused one by one with a reason instead of the whole batch.
    try {
      return JSON5.parse(text) as unknown;
    } catch {
      throw new ValidationError('The body is not valid JSON; nothing was stored.');
    }
  }
}

async function ingestionPrincipal(req: Request, db: Database): Promise<IngestionPrincipal> {
  const [scheme, token] = (req.headers.get('authorization') ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthorizedError('Send the deployment’s ingestion key as “Authorization: Bearer mgi_…”.');
  const principal = await authenticateIngestionKey(db, token.trim());
  if (!principal) throw new UnauthorizedError('This ingestion key is unknown or revoked.');
  return principal;
}

let inFlight = 0;
const waiting: (() => void)[] = [];
/** Batches that may wait for a slot, and for how long, before the answer is 503. */
const MAX_WAITING_PER_SLOT = 8;
const MAX_WAIT_MS = 2000;

/**
 * A slot among INGEST_MAX_CONCURRENT, waiting briefly for one: past the cap, batches queue (their
 * bodies unread) so the instance stays at full throughput, and only a long queue is refused with
 * 503, at once and before its body is read, so refusing costs almost nothing.
 */
async function takeSlot(): Promise<boolean> {
  if (inFlight < env.INGEST_MAX_CONCURRENT && waiting.length === 0) {
    inFlight += 1;
    return true;
  }
  if (waiting.length >= env.INGEST_MAX_CONCURRENT * MAX_WAITING_PER_SLOT) return false;
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      resolve(true); // the slot is handed over by releaseSlot: inFlight already counts it
    };
    const timer = setTimeout(() => {
      const at = waiting.indexOf(wake);
      if (at !== -1) waiting.splice(at, 1);
      resolve(false);
    }, MAX_WAIT_MS);
    waiting.push(wake);
  });
}

function releaseSlot() {
  const next = waiting.shift();
  if (next) next();
  else inFlight -= 1;
}

const unavailable = (seconds: number, message: string) =>
  Response.json({ error: { message } }, { status: 503, headers: { 'retry-after': String(seconds) } });

/** A service context whose actor is the request's ingestion key (401 without a valid one). */
export async function ingestionKeyContext(req: Request, deps: Pick<IngestDeps, 'db' | 'bus'>): Promise<ServiceContext> {
  const principal = await ingestionPrincipal(req, deps.db);
  return { db: deps.db, bus: deps.bus, user: null, request: requestMeta(req.headers), ingestionKey: principal };
}

/** Runs one ingestion request with the limits above: `verb` is called with the key's context and the
 * body as input. `count` says how many items the body holds. */
export async function handleIngestion<T>(
  req: Request,
  deps: IngestDeps,
  verb: (args: { ctx: ServiceContext; input: unknown }) => Promise<T>,
  count: (body: unknown) => number,
): Promise<Response> {
  if (!(await takeSlot())) return unavailable(1, `This instance is busy (${inFlight} batches in flight, ${waiting.length} waiting); retry shortly.`);
  try {
    const ctx = await ingestionKeyContext(req, deps);
    const principal = ctx.ingestionKey as IngestionPrincipal;
    const body = await readJsonBody(req, env.INGEST_MAX_BODY_MB * 1024 * 1024);
    const rate = deps.limits?.ratePerKey ?? env.INGEST_RATE_PER_KEY;
    const taken = await takeIngestionTokens(deps.db, principal.keyId, count(body), rate);
    if (!taken.allowed) {
      const wait = taken.retryAfterSeconds;
      return Response.json({ error: { message: `Over this key's rate of ${rate} events per second; retry after ${wait} s.` } }, { status: 429, headers: { 'retry-after': String(wait) } });
    }
    const result = await verb({ ctx, input: body });
    return Response.json(result, { status: 200 });
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      logDatabaseUnavailable('POST ' + new URL(req.url).pathname, req.headers.get('x-request-id'), err);
      return unavailable(5, 'The database is unavailable or overloaded; nothing was stored. Retry the same batch: event ids make it safe.');
    }
    return errorResponse(err);
  } finally {
    releaseSlot();
  }
}
