// tRPC's building blocks. Every procedure is built from `publicProcedure` or `capabilityProcedure`,
// which records its access rule in `meta.access` (a test walks the router and checks it against a
// hand-written table).
import 'server-only';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { canAny, type Capability } from '@/lib/permissions';
import { findUnsafeText, unsafeTextMessage } from '@/lib/text-guard';
import { DomainError, errorMapping, retryAfterOf, ValidationError } from '@/server/errors';
import { refusal } from '@/server/services/authorize';
import type { ServiceContext, SessionUser } from '@/server/services/context';
import { databaseUnavailable, logDatabaseUnavailable } from '@/server/db/errors';

export type Access = { kind: 'public' } | { kind: 'capability'; capabilities: readonly Capability[] };
type Meta = { access?: Access };
/** A request's context: the signed-in user is looked up inside the procedure chain, after error mapping and logging. */
export type RequestContext = ServiceContext & { lookupUser?: () => Promise<SessionUser | null> };

const t = initTRPC
  .context<RequestContext>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 20_000 } },
    errorFormatter({ shape, error, ctx }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const cause = error.cause;
      return {
        ...shape,
        message: internal ? `Something went wrong on our side. It has been logged${ctx ? ` (request ${ctx.request.requestId})` : ''}.` : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          issues: cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : cause instanceof ValidationError ? cause.details?.issues : undefined,
          retryAfterSeconds: retryAfterOf(cause),
        },
      };
    },
  });

/** Maps domain errors to tRPC codes with the one table in server/errors.ts (a database outage is a retryable 503). Unknown errors are logged with the request id and hidden. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  let cause: unknown = result.error.cause;
  const unavailable = databaseUnavailable(cause);
  if (unavailable && unavailable !== cause) logDatabaseUnavailable(`trpc ${path}`, ctx.request.requestId, cause);
  if (unavailable) cause = unavailable;
  if (cause instanceof DomainError) throw new TRPCError({ code: errorMapping(cause).code, message: cause.message, cause });
  if (result.error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path} failed (request ${ctx.request.requestId})`, result.error.cause ?? result.error);
  return result;
});

/** The shared text guard (lib/text-guard.ts) on every procedure's raw input, before any parser or verb sees it. */
const guardInput = t.middleware(async ({ getRawInput, next }) => {
  const found = findUnsafeText(await getRawInput());
  if (found) throw new TRPCError({ code: 'BAD_REQUEST', message: unsafeTextMessage(found) });
  return next();
});

/** The session lookup reads the database: done here, so its failures are mapped and logged like any other. */
const resolveUser = t.middleware(async ({ ctx, next }) => {
  if (!ctx.lookupUser) return next();
  const user = await ctx.lookupUser();
  return next({ ctx: { ...ctx, user, lookupUser: undefined } });
});

// Bad text is refused before the session lookup reads the database.
const base = t.procedure.use(mapErrors).use(guardInput).use(resolveUser);

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
