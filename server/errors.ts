// Domain errors thrown by services, and the one table that maps each to its tRPC code and HTTP
// status (read by server/trpc/init.ts and server/http/respond.ts alike); anything else is an
// internal error.
import type { TRPCError } from '@trpc/server';

export class DomainError extends Error {
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
  }
}
export class ValidationError extends DomainError {}
export class UnauthorizedError extends DomainError {}
export class ForbiddenError extends DomainError {}
export class NotFoundError extends DomainError {}
export class ConflictError extends DomainError {}
export class PreconditionFailedError extends DomainError {}
export class TooManyRequestsError extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, { retryAfterSeconds });
  }
}
/** An upload or request body over a configured limit (HTTP 413). */
export class PayloadTooLargeError extends DomainError {}
/** The database (or another dependency) is unreachable for now: retry later (HTTP 503 + Retry-After; tRPC SERVICE_UNAVAILABLE). */
export class ServiceUnavailableError extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message, { retryAfterSeconds });
  }
}

type ErrorClass = abstract new (...args: never[]) => DomainError;
export type ErrorMapping = { code: TRPCError['code']; status: number };

/** Domain error -> tRPC code and HTTP status. The first matching row wins; subclasses go above their parents. */
const ERROR_TABLE: readonly (readonly [ErrorClass, ErrorMapping])[] = [
  [ValidationError, { code: 'BAD_REQUEST', status: 400 }],
  [UnauthorizedError, { code: 'UNAUTHORIZED', status: 401 }],
  [ForbiddenError, { code: 'FORBIDDEN', status: 403 }],
  [NotFoundError, { code: 'NOT_FOUND', status: 404 }],
  [ConflictError, { code: 'CONFLICT', status: 409 }],
  [PreconditionFailedError, { code: 'PRECONDITION_FAILED', status: 412 }],
  [PayloadTooLargeError, { code: 'PAYLOAD_TOO_LARGE', status: 413 }],
  [TooManyRequestsError, { code: 'TOO_MANY_REQUESTS', status: 429 }],
  [ServiceUnavailableError, { code: 'SERVICE_UNAVAILABLE', status: 503 }],
];

/** How a domain error goes out; a DomainError with no row of its own is a bad request. */
export function errorMapping(err: DomainError): ErrorMapping {
  return ERROR_TABLE.find(([type]) => err instanceof type)?.[1] ?? { code: 'BAD_REQUEST', status: 400 };
}

/** Seconds the caller should wait before retrying, for the errors that say so. */
export function retryAfterOf(err: unknown): number | undefined {
  return err instanceof TooManyRequestsError || err instanceof ServiceUnavailableError ? err.retryAfterSeconds : undefined;
}
