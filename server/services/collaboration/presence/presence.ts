// Presence verbs: an open release request or alert page says "still here" every 15 s and "gone"
// when it closes; anyone who may see the page's subject can ask who is there. Ephemeral: nothing
// is written to the database and nothing is audited. The heartbeat goes out on the live bus, so
// every app instance's store hears it, addressed to the people who may see the subject.
import 'server-only';
import { eq } from 'drizzle-orm';
import { parsePresencePage, presencePageSchema } from '@/lib/validation/presence';
import { alerts, releaseRequests } from '@/server/db/schema';
import { NotFoundError } from '@/server/errors';
import type { DomainEvent } from '@/server/events/types';
import { rolesWith } from '@/lib/permissions';
import { requireCapability } from '../../authorize';
import type { ServiceContext, SessionUser, VerbArgs } from '../../context';
import { parseInput } from '../../validate';
import { presenceStoreFor, type PresentPerson } from './store';

/** Who may be on the page, checked on every call: the subject's readers, and the subject must exist. */
async function subjectAudience(ctx: ServiceContext, page: string): Promise<{ user: SessionUser; audience: DomainEvent['audience'] }> {
  const { kind, id } = parsePresencePage(page);
  if (kind === 'release') {
    const user = requireCapability(ctx, 'release.read');
    const [found] = await ctx.db.select({ id: releaseRequests.id }).from(releaseRequests).where(eq(releaseRequests.id, id));
    if (!found) throw new NotFoundError('This release request does not exist.');
    return { user, audience: { roles: rolesWith('release.read'), userIds: [] } };
  }
  const user = requireCapability(ctx, 'monitoring.read');
  const [found] = await ctx.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.id, id));
  if (!found) throw new NotFoundError('This alert does not exist.');
  return { user, audience: { roles: rolesWith('monitoring.read'), userIds: [] } };
}

export type PresenceView = { page: string; people: (PresentPerson & { isYou: boolean })[] };

function view(ctx: ServiceContext, user: SessionUser, page: string): PresenceView {
  return { page, people: presenceStoreFor(ctx.bus).people(page).map((p) => ({ ...p, isYou: p.userId === user.id })) };
}

async function signal(ctx: ServiceContext, page: string, left: boolean): Promise<PresenceView> {
  requireCapability(ctx, 'session.use');
  const { user, audience } = await subjectAudience(ctx, page);
  const presence = { page, userId: user.id, name: user.name, left };
  // Applied here at once, so the caller's next read on this instance already counts them; the bus
  // brings the same signal back (idempotent) and to every other instance.
  const changed = presenceStoreFor(ctx.bus).apply(presence);
  // Only a change of who is there refreshes open pages. A plain "still here" only keeps every
  // instance's store fresh, so it is addressed to no browser at all (stores hear every event).
  const event: DomainEvent = changed
    ? { type: left ? 'presence.left' : 'presence.seen', topics: ['presence'], entityId: page, audience, presence, at: new Date().toISOString() }
    : { type: 'presence.seen', topics: [], entityId: page, audience: { roles: [], userIds: [] }, presence, at: new Date().toISOString() };
  await ctx.bus.publish([event]).catch((err: unknown) => console.error('[presence] publish failed', err));
  return view(ctx, user, page);
}

export async function presenceHeartbeat({ ctx, input }: VerbArgs<unknown>) {
  const { page } = parseInput(presencePageSchema, input);
  return signal(ctx, page, false);
}

export async function leavePage({ ctx, input }: VerbArgs<unknown>) {
  const { page } = parseInput(presencePageSchema, input);
  return signal(ctx, page, true);
}

/** The people on the page now (the caller too, marked), for someone who may see its subject. */
export async function peopleOnPage({ ctx, input }: VerbArgs<unknown>): Promise<PresenceView> {
  requireCapability(ctx, 'session.use');
  const { page } = parseInput(presencePageSchema, input);
  const { user } = await subjectAudience(ctx, page);
  return view(ctx, user, page);
}
