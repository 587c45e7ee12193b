// The signed-in person for server components, read once per request (React cache) and shared by
// the dashboard layout and its pages. currentUser() reloads roles from the database every request.
import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { canUseSection } from '@/lib/navigation';
import { currentUser } from '@/server/context';

const loadUser = cache(currentUser);

/** The signed-in user; a missing, expired or revoked session goes to the sign-in page. */
export async function requireUser() {
  const user = await loadUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** Whether the signed-in user may use the section at `href`, checked on the server on every request. */
export async function sectionAccess(href: string) {
  const user = await requireUser();
  return { user, allowed: canUseSection(href, user.roles) };
}
