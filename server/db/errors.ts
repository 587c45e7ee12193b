// Classifies database errors. The one place that says which failures mean "the database is not
// there right now" (answered 503 + Retry-After, tRPC SERVICE_UNAVAILABLE, and retried by clients).
import { ServiceUnavailableError } from '@/server/errors';

/** Postgres error code of a driver error, looking through drizzle's "Failed query" wrapper. */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export const isUniqueViolation = (err: unknown) => pgErrorCode(err) === '23505';

/** Codes of a connection that failed or went away: no answer from the server, or it said it is going down. */
const CONNECTION_CODES = new Set([
  // Postgres: admin shutdown (pg_terminate_backend, fast restart), crash shutdown, cannot connect now (starting up)
  '57P01', '57P02', '57P03',
  // Node's sockets and DNS
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
  // postgres.js
  'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED',
]);

/**
 * Overload and timeouts: the database is there but cannot serve this now; retrying later is right.
 * 53xxx insufficient resources (too many connections), 57014 statement timeout, 55P03 lock timeout,
 * 40P01 deadlock, 25P03 idle-in-transaction timeout.
 */
const TRANSIENT_CODES = new Set(['53000', '53100', '53200', '53300', '57014', '55P03', '40P01', '25P03']);

function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** The database cannot serve this request now (gone, restarting, overloaded, timed out): retry later. */
export const isDatabaseUnavailable = (err: unknown) => codesOf(err).some((c) => c.startsWith('08') || CONNECTION_CODES.has(c) || TRANSIENT_CODES.has(c));

const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The error to answer with when `err` says the database is unavailable, or null. */
export function databaseUnavailable(err: unknown): ServiceUnavailableError | null {
  if (err instanceof ServiceUnavailableError) return err;
  if (!isDatabaseUnavailable(err)) return null;
  return new ServiceUnavailableError('The database is unavailable for a moment; nothing was changed. Retry shortly.', DATABASE_RETRY_AFTER_SECONDS);
}

/** One line for the log: which request met which database failure. */
export function logDatabaseUnavailable(where: string, requestId: string | null | undefined, err: unknown) {
  console.warn(`[db] ${where}: database unavailable (${codesOf(err).join(' < ') || 'no code'})${requestId ? ` request ${requestId}` : ''}`);
}
