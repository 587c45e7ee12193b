// The one error table: each domain error's tRPC code and HTTP status, as the README's API section
// states them, and both edges (tRPC and REST) answering from it.
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '@/server/http/respond';
import { contextFor } from '@/server/testing/fixtures';
import { createCallerFactory, createRouter, publicProcedure } from '@/server/trpc/init';
import {
  ConflictError,
  DomainError,
  errorMapping,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from './errors';

// Written out by hand (HTTP semantics, RFC 9110 / 6585), not read from the table under test.
const expected: [DomainError, TRPCError['code'], number][] = [
  [new ValidationError('v'), 'BAD_REQUEST', 400],
  [new UnauthorizedError('u'), 'UNAUTHORIZED', 401],
  [new ForbiddenError('f'), 'FORBIDDEN', 403],
  [new NotFoundError('n'), 'NOT_FOUND', 404],
  [new ConflictError('c'), 'CONFLICT', 409],
  [new PreconditionFailedError('p'), 'PRECONDITION_FAILED', 412],
  [new PayloadTooLargeError('l'), 'PAYLOAD_TOO_LARGE', 413],
  [new TooManyRequestsError('t', 7), 'TOO_MANY_REQUESTS', 429],
  [new ServiceUnavailableError('s', 5), 'SERVICE_UNAVAILABLE', 503],
  [new DomainError('plain'), 'BAD_REQUEST', 400],
];

describe('one error table', () => {
  it.each(expected)('%s maps to %s and %i', async (err, code, status) => {
    expect(errorMapping(err)).toEqual({ code, status });
    const res = errorResponse(err);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(err.message);
    const router = createRouter({ fail: publicProcedure.query(() => Promise.reject(err)) });
    const caller = createCallerFactory(router)(contextFor({} as never, null));
    await expect(caller.fail()).rejects.toMatchObject({ code, message: err.message });
  });

  it('sends Retry-After with 429 and 503', () => {
    expect(errorResponse(new TooManyRequestsError('slow down', 7)).headers.get('retry-after')).toBe('7');
    expect(errorResponse(new ServiceUnavailableError('database down', 5)).headers.get('retry-after')).toBe('5');
  });

  it('answers an unknown error with a plain 500 that names the request and hides the cause', async () => {
    const req = new Request('http://localhost/api/v1/models', { headers: { 'x-request-id': 'req-abc12345' } });
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const res = errorResponse(new Error('password=hunter2 at db.internal:5432'), req);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('hunter2');
      expect(text).toContain('req-abc12345');
    } finally {
      console.error = original;
    }
    expect(JSON.stringify(logged, (_, v: unknown) => (v instanceof Error ? v.message : v))).toContain('hunter2');
  });
});
