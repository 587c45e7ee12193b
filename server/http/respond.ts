// Maps domain errors to HTTP responses for the plain route handlers (the REST twin of the tRPC mapping).
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
} from '@/server/errors';
import { databaseUnavailable, logDatabaseUnavailable } from '@/server/db/errors';

const STATUS: [new (...args: never[]) => DomainError, number][] = [
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [PreconditionFailedError, 412],
  [PayloadTooLargeError, 413],
  [TooManyRequestsError, 429],
  [ServiceUnavailableError, 503],
];

export function errorResponse(err: unknown, requestId?: string | null): Response {
  const unavailable = databaseUnavailable(err);
  if (unavailable && unavailable !== err) logDatabaseUnavailable('http', requestId, err);
  if (unavailable) err = unavailable;
  if (err instanceof DomainError) {
    const status = STATUS.find(([type]) => err instanceof type)?.[1] ?? 400;
    const headers: Record<string, string> = {};
    if (err instanceof TooManyRequestsError || err instanceof ServiceUnavailableError) headers['retry-after'] = String(err.retryAfterSeconds);
    return Response.json({ error: { message: err.message, details: err.details ?? null } }, { status, headers });
  }
  console.error(`[http] unexpected error${requestId ? ` request ${requestId}` : ''}`, err);
  return Response.json({ error: { message: 'Something went wrong on our side. It has been logged.' } }, { status: 500 });
}
