// The one place a service asks "may this caller do this?". Every verb calls it first.
import type { Role } from '@/server/db/schema';
import { ForbiddenError, UnauthorizedError } from '@/server/errors';
import type { ServiceContext, SessionUser } from './context';

export function requireUser(ctx: ServiceContext): SessionUser {
  if (!ctx.user) throw new UnauthorizedError('Sign in to continue.');
  return ctx.user;
}

export function requireRole(ctx: ServiceContext, allowed: readonly Role[]): SessionUser {
  const user = requireUser(ctx);
  if (!user.roles.some((r) => allowed.includes(r))) {
    throw new ForbiddenError(`This needs one of the roles: ${allowed.join(', ')}.`);
  }
  return user;
}

export function hasRole(user: SessionUser | null, allowed: readonly Role[]): boolean {
  return !!user && user.roles.some((r) => allowed.includes(r));
}
