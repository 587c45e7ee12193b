// Maps errors to HTTP responses for the plain route handlers, with the one table in server/errors.ts.
import { DomainError, errorMapping, retryAfterOf } from '@/server/errors';

/** The answer for a failed request. Unknown errors are logged with the request id and never leaked. */
export function errorResponse(err: unknown, req?: Request): Response {
  if (err instanceof DomainError) {
    const headers: Record<string, string> = {};
    const retryAfter = retryAfterOf(err);
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    return Response.json({ error: { message: err.message, details: err.details ?? null } }, { status: errorMapping(err).status, headers });
  }
  const requestId = req?.headers.get('x-request-id') ?? crypto.randomUUID();
  console.error(`[http] unexpected error${req ? ` in ${req.method} ${new URL(req.url).pathname}` : ''} (request ${requestId})`, err);
  return Response.json({ error: { message: `Something went wrong on our side. It has been logged (request ${requestId}).` } }, { status: 500, headers: { 'x-request-id': requestId } });
}
