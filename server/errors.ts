// Domain errors thrown by services. The tRPC layer maps them to codes in one place (server/trpc/init.ts)
// and the REST handlers in server/http/respond.ts; anything else is an internal error.
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
