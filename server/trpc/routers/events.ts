// Live updates: every domain event this user may see, streamed over SSE. The client invalidates
// the queries of each event's topics, so other people's changes show without a reload.
import { EventEmitter, on } from 'node:events';
import { loadSessionUser } from '@/server/auth/sessions';
import { canSee, type DomainEvent } from '@/server/events/types';
import { capabilityProcedure, createRouter } from '../init';

export const eventsRouter = createRouter({
  stream: capabilityProcedure('session.use').subscription(async function* ({ ctx, signal }) {
    let user = ctx.user;
    const local = new EventEmitter();
    const unsubscribe = ctx.bus.subscribe((event) => local.emit('event', event));
    try {
      for await (const [event] of on(local, 'event', { signal }) as AsyncIterable<[DomainEvent]>) {
        if (event.type === 'user.changed' && event.entityId === user.id && user.sessionId) {
          // Roles or status changed: re-read them; a disabled user's stream ends here.
          const fresh = await loadSessionUser(ctx.db, user.sessionId);
          if (!fresh) return;
          user = fresh;
        }
        if (canSee(event, user)) yield { type: event.type, topics: event.topics, entityId: event.entityId ?? null, at: event.at };
      }
    } finally {
      unsubscribe();
    }
  }),
});
