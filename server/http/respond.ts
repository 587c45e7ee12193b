// Maps errors to HTTP responses for the plain route handlers, with the one table in server/errors.ts.
import 'server-only';
import { databaseUnavailable, logDatabaseUnavailable } from '@/server/db/errors';
import { DomainError, errorMapping, retryAfterOf } from '@/server/errors';

/**
 * The answer for a failed request: a database outage is a 503 with Retry-After; unknown errors are
 * logged with the request id and never leaked.
 */
export function errorResponse(err: unknown, req?: Request, requestId: string | null = req?.headers.get('x-request-id') ?? null): Response {
  const unavailable = databaseUnavailable(err);
  if (unavailable && unavailable !== err) logDatabaseUnavailable('http', requestId, err);
  if (unavailable) err = unavailable;
  if (err instanceof DomainError) {
    const headers: Record<string, string> = {};
    const retryAfter = retryAfterOf(err);
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    return Response.json({ error: { message: err.message, details: err.details ?? null } }, { status: errorMapping(err).status, headers });
  }
  const id = requestId ?? crypto.randomUUID();
  console.error(`[http] unexpected error${req ? ` in ${req.method} ${new URL(req.url).pathname}` : ''} (request ${id})`, err);
  return Response.json({ error: { message: `Something went wrong on our side. It has been logged (request ${id}).` } }, { status: 500, headers: { 'x-request-id': id } });
}
