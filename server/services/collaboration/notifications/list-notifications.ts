// A person's own inbox: their notifications newest first, a page at a time, and how many are unread.
import 'server-only';
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { listNotificationsSchema } from '@/lib/validation/notifications';
import { notifications } from '@/server/db/schema';
import { requireCapability } from '../../authorize';
import type { VerbArgs } from '../../context';
import { parseInput } from '../../validate';

export async function listNotifications({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'session.use');
  const { filter, limit, cursor } = parseInput(listNotificationsSchema, input ?? {});
  const filters: (SQL | undefined)[] = [eq(notifications.userId, user.id), filter === 'unread' ? isNull(notifications.readAt) : undefined];
  if (cursor) {
    // Keyset on (created_at, id), read from the cursor row itself: rows of one fan-out share a
    // timestamp, and a JavaScript Date would lose its microseconds.
    const at = sql`(select ${notifications.createdAt} from ${notifications} where ${notifications.id} = ${cursor} and ${notifications.userId} = ${user.id})`;
    filters.push(or(lt(notifications.createdAt, at), and(eq(notifications.createdAt, at), lt(notifications.id, cursor))));
  }
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(...filters))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ userId: _userId, ...n }) => n);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function unreadNotificationCount({ ctx }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'session.use');
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
  return { unread: row?.n ?? 0 };
}
