// The signed-in person for server components, read once per request (React cache) and shared by
// the dashboard layout and its pages. currentUser() reloads roles from the database every request.
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { canUseSection } from '@/lib/navigation';
import { currentUser } from '@/server/context';
import { databaseUnavailable, logDatabaseUnavailable } from '@/server/db/errors';

const loadUser = cache(currentUser);

/** The signed-in user; a missing, expired or revoked session goes to the sign-in page. */
export async function requireUser() {
  const user = await loadUser();
  if (!user) redirect('/sign-in');
  return user;
}

/**
 * For the dashboard layout: the signed-in user, or 'database-unavailable' while the database cannot
 * be reached (the layout then says it is reconnecting, instead of an error page). Logged with the
 * request id; any other failure is thrown as before.
 */
export async function requireUserUnlessUnavailable() {
  try {
    return await requireUser();
  } catch (err) {
    if (!databaseUnavailable(err)) throw err;
    logDatabaseUnavailable('page', (await headers()).get('x-request-id'), err);
    return 'database-unavailable' as const;
  }
}

/** Whether the signed-in user may use the section at `href`, checked on the server on every request. */
export async function sectionAccess(href: string) {
  const user = await requireUser();
  return { user, allowed: canUseSection(href, user.roles) };
}
