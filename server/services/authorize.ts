// The one place a service asks "may this caller do this?". Every verb calls it first; the answer
// comes from the permission map in lib/permissions.ts.
import { CAPABILITIES, can, canAny, holdersOf, type Capability } from '@/lib/permissions';
import { ForbiddenError, UnauthorizedError } from '@/server/errors';
import type { ServiceContext, SessionUser } from './context';

function requireUser(ctx: ServiceContext): SessionUser {
  if (!ctx.user) throw new UnauthorizedError('Sign in to continue.');
  return ctx.user;
}

/** The signed-in caller, provided they hold `capability`; else UNAUTHORIZED or FORBIDDEN. */
export function requireCapability(ctx: ServiceContext, capability: Capability): SessionUser {
  const user = requireUser(ctx);
  if (!can(user, capability)) throw new ForbiddenError(refusal([capability]));
  return user;
}

/** The signed-in caller, provided they hold at least one of `capabilities`. */
export function requireAnyCapability(ctx: ServiceContext, capabilities: readonly Capability[]): SessionUser {
  const user = requireUser(ctx);
  if (!canAny(user, capabilities)) throw new ForbiddenError(refusal(capabilities));
  return user;
}

export function refusal(capabilities: readonly Capability[]): string {
  return `You may not ${capabilities.map((c) => CAPABILITIES[c]).join(', or ')}: that needs one of the roles ${[...new Set(capabilities.map(holdersOf))].join(', ')}.`;
}
