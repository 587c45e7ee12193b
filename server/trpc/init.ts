// tRPC's building blocks. Every procedure is built from one of the three exported procedures, each
// of which records its access rule in `meta.access` (a test walks the router and checks it).
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Role } from '@/lib/roles';
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
  ValidationError,
} from '@/server/errors';
import { databaseUnavailable, logDatabaseUnavailable } from '@/server/db/errors';
import type { ServiceContext, SessionUser } from '@/server/services/context';

export type Access = { kind: 'public' } | { kind: 'protected' } | { kind: 'roles'; roles: readonly Role[] };
export type Meta = { access?: Access };
/** A request's context: the signed-in user is looked up inside the procedure chain, after error mapping and logging. */
export type RequestContext = ServiceContext & { lookupUser?: () => Promise<SessionUser | null> };

const t = initTRPC
  .context<RequestContext>()
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
          retryAfterSeconds: cause instanceof TooManyRequestsError || cause instanceof ServiceUnavailableError ? cause.retryAfterSeconds : undefined,
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
  [ServiceUnavailableError, 'SERVICE_UNAVAILABLE'],
];

/** Maps domain errors to tRPC codes, once for the whole API. Unknown errors are logged and hidden. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  let cause: unknown = result.error.cause;
  const unavailable = databaseUnavailable(cause);
  if (unavailable && unavailable !== cause) logDatabaseUnavailable(`trpc ${path}`, ctx.request.requestId, cause);
  if (unavailable) cause = unavailable;
  if (cause instanceof DomainError) {
    const code = CODES.find(([type]) => cause instanceof type)?.[1] ?? 'BAD_REQUEST';
    throw new TRPCError({ code, message: cause.message, cause });
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path} failed (request ${ctx.request.requestId})`, result.error.cause ?? result.error);
  return result;
});

/** The session lookup reads the database: done here, so its failures are mapped and logged like any other. */
const resolveUser = t.middleware(async ({ ctx, next }) => {
  if (!ctx.lookupUser) return next();
  const user = await ctx.lookupUser();
  return next({ ctx: { ...ctx, user, lookupUser: undefined } });
});

const base = t.procedure.use(mapErrors).use(resolveUser);

const requireSession = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = base.meta({ access: { kind: 'public' } });

/** Any signed-in user; `ctx.user` is non-null. */
export const protectedProcedure = base.meta({ access: { kind: 'protected' } }).use(requireSession);

/** Signed-in users holding at least one of `roles`. Services check again: this guards the API edge. */
export function roleProcedure(...roles: Role[]) {
  return base
    .meta({ access: { kind: 'roles', roles } })
    .use(requireSession)
    .use(({ ctx, next }) => {
      if (!ctx.user.roles.some((r) => roles.includes(r))) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `This needs one of the roles: ${roles.join(', ')}.` });
      }
      return next();
    });
}
