// Pending requests past their policy's deadline expire. Run by the background scheduler (once
// across instances); a signature attempt on an overdue request expires it on the spot as well.
import 'server-only';
import { and, eq, lt } from 'drizzle-orm';
import { releaseRequests } from '@/server/db/schema';
import type { VerbArgs } from '../context';
import { mutate, type Writer } from '../mutate';
import { RELEASES_CHANGED } from './events';
import { reference, transition } from './request-state';

const SYSTEM = { id: null, name: 'Modelgate' } as const;

export async function expireOverdueReleases({ ctx, now = new Date() }: Omit<VerbArgs<unknown>, 'input'> & { now?: Date }) {
  return mutate(ctx, (w) => expireOverdue(w, now));
}

/** Inside the caller's transaction (the scheduler's job transaction). */
export async function expireOverdue(w: Writer, now = new Date()) {
  const overdue = await w.tx
    .select()
    .from(releaseRequests)
    .where(and(eq(releaseRequests.state, 'pending'), lt(releaseRequests.expiresAt, now)))
    .for('update', { skipLocked: true });
  for (const request of overdue) {
    await transition(w.tx, request, 'expired', SYSTEM, 'Not decided before its deadline.', { decidedAt: now });
    await w.audit({
      action: 'release.expired',
      entityType: 'release_request',
      entityId: request.id,
      before: { state: 'pending', expiresAt: request.expiresAt?.toISOString() ?? null },
      after: { reference: reference(request), state: 'expired' },
      actor: { type: 'system', ...SYSTEM, roles: [] },
    });
    w.publish(RELEASES_CHANGED(request.id));
  }
  return { expired: overdue.length };
}
