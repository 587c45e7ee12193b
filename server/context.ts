// Builds the ServiceContext for a request: the inner part (db, bus, user, request) is what tests
// build directly; this outer part reads the next-auth session and reloads the user from the database.
import 'server-only';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { loadSessionUser } from '@/server/auth/sessions';
import { getDb } from '@/server/db/client';
import { getBus } from '@/server/events/bus';
import { requestMeta } from '@/server/http/request-meta';
import type { ServiceContext } from '@/server/services/context';
import type { RequestContext } from '@/server/trpc/init';

export async function currentUser() {
  const session = (await getServerSession(authOptions)) as { sid?: string | null } | null;
  return session?.sid ? loadSessionUser(getDb(), session.sid) : null;
}

export async function createRequestContext(headers: Headers): Promise<ServiceContext> {
  // No cookie, no session: nothing to look up (machine clients and signed-out visitors).
  const user = headers.get('cookie') ? await currentUser() : null;
  return { db: getDb(), bus: getBus(), user, request: requestMeta(headers) };
}

/** For tRPC: the user is looked up by a middleware (server/trpc/init.ts), after error mapping and logging. */
export function createTrpcContext(headers: Headers): RequestContext {
  return { db: getDb(), bus: getBus(), user: null, request: requestMeta(headers), lookupUser: currentUser };
}
