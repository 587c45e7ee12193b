// tRPC's building blocks. Every procedure is built from `publicProcedure` or `capabilityProcedure`,
// which records its access rule in `meta.access` (a test walks the router and checks it against a
// hand-written table).
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { canAny, type Capability } from '@/lib/permissions';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '@/server/errors';
import { refusal } from '@/server/services/authorize';
import type { ServiceContext } from '@/server/services/context';

export type Access = { kind: 'public' } | { kind: 'capability'; capabilities: readonly Capability[] };
export type Meta = { access?: Access };

const t = initTRPC
  .context<ServiceContext>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 20_000 } },
    errorFormatter({ shape, error }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const cause = error.cause;
      return {
        ...shape,
        message: internal ? 'Something went wrong on our side. It has been logged.' : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          issues: cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : cause instanceof ValidationError ? cause.details?.issues : undefined,
          retryAfterSeconds: cause instanceof TooManyRequestsError ? cause.retryAfterSeconds : undefined,
        },
      };
    },
  });

const CODES: [new (...args: never[]) => DomainError, TRPCError['code']][] = [
  [ValidationError, 'BAD_REQUEST'],
  [UnauthorizedError, 'UNAUTHORIZED'],
  [ForbiddenError, 'FORBIDDEN'],
  [NotFoundError, 'NOT_FOUND'],
  [ConflictError, 'CONFLICT'],
  [PreconditionFailedError, 'PRECONDITION_FAILED'],
  [TooManyRequestsError, 'TOO_MANY_REQUESTS'],
  [PayloadTooLargeError, 'PAYLOAD_TOO_LARGE'],
];

/** Maps domain errors to tRPC codes, once for the whole API. Unknown errors are logged and hidden. */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof DomainError) {
    const code = CODES.find(([type]) => cause instanceof type)?.[1] ?? 'BAD_REQUEST';
    throw new TRPCError({ code, message: cause.message, cause });
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path} failed`, result.error.cause ?? result.error);
  return result;
});

const base = t.procedure.use(mapErrors);

const requireSession = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = base.meta({ access: { kind: 'public' } });

/**
 * Signed-in callers holding at least one of `capabilities` (lib/permissions.ts); `ctx.user` is
 * non-null. Services check again: this guards the API edge.
 */
export function capabilityProcedure(...capabilities: [Capability, ...Capability[]]) {
  return base
    .meta({ access: { kind: 'capability', capabilities } })
    .use(requireSession)
    .use(({ ctx, next }) => {
      if (!canAny(ctx.user, capabilities)) throw new TRPCError({ code: 'FORBIDDEN', message: refusal(capabilities) });
      return next();
    });
}
