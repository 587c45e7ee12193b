// Server-side sessions. The browser's JWT carries only a session id; every request reloads the
// user's roles and status, so disabling a user or changing roles takes effect on the next request.
import 'server-only';
import { and, eq, gt, isNull, sql, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '@/server/db/connect';
import { prepared } from '@/server/db/prepared';
import { sessions, users } from '@/server/db/schema';
import { env } from '@/server/env';
import type { RequestMeta, SessionUser } from '@/server/services/context';

export async function createSession(db: DbOrTx, userId: string, provider: string, request: RequestMeta) {
  const expiresAt = new Date(Date.now() + env.SESSION_MAX_AGE_HOURS * 3_600_000);
  const [row] = await db
    .insert(sessions)
    .values({ userId, provider, expiresAt, ip: request.ip, userAgent: request.userAgent })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned nothing');
  return row.id;
}

const sessionUserQuery = (db: DbOrTx, sessionId: SQLWrapper | string) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, roles: users.roles })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`), eq(users.disabled, false)));

/** Every signed-in request runs this, so it is built once per pool (server/db/prepared.ts). */
export async function loadSessionUser(db: DbOrTx, sessionId: string): Promise<SessionUser | null> {
  const ready = prepared(db, 'auth.sessionUser', (pool) => sessionUserQuery(pool, sql.placeholder('sessionId')).prepare('auth_session_user'));
  const [row] = ready ? await ready.execute({ sessionId }) : await sessionUserQuery(db, sessionId);
  return row ? { ...row, sessionId } : null;
}

export async function revokeUserSessions(db: DbOrTx, userId: string) {
  await db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
