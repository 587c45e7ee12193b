import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { sessions, users } from '@/server/db/schema';
import type { VerbArgs } from '../context';
import { mutate } from '../mutate';

/** Revokes one server-side session (the one being signed out of). */
export async function signOut({ ctx, input }: VerbArgs<{ sessionId: string }>) {
  await mutate(ctx, async ({ tx, audit }) => {
    const [row] = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, input.sessionId), isNull(sessions.revokedAt)))
      .returning({ userId: sessions.userId });
    if (!row) return;
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
    await audit({
      action: 'auth.signed_out',
      entityType: 'user',
      entityId: row.userId,
      after: { sessionId: input.sessionId },
      actor: { type: 'user', id: row.userId, name: user?.name ?? row.userId, roles: user?.roles ?? [] },
    });
  });
}
