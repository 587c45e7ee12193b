import { z } from 'zod';
import { ROLES } from '@/lib/roles';

/**
 * A domain event, published after its transaction commits. `topics` name the tRPC routers whose
 * queries it makes stale; `audience` says who may learn that it happened.
 */
export const domainEventSchema = z.object({
  type: z.string(),
  topics: z.array(z.string()),
  entityId: z.string().optional(),
  audience: z.union([
    z.literal('all'),
    z.object({ roles: z.array(z.enum(ROLES)).default([]), userIds: z.array(z.string()).default([]) }),
  ]),
  at: z.string(),
  /** A presence heartbeat: who is on which page. App instances keep it in memory; browsers never get it. */
  presence: z.object({ page: z.string(), userId: z.string(), name: z.string(), left: z.boolean() }).optional(),
});
export type DomainEvent = z.infer<typeof domainEventSchema>;
export type NewDomainEvent = Omit<DomainEvent, 'at'>;

export interface EventBus {
  publish(events: DomainEvent[]): Promise<void>;
  /** Resolves once events published from any instance will reach this one's subscribers. */
  ready(): Promise<void>;
  subscribe(listener: (event: DomainEvent) => void): () => void;
  close(): Promise<void>;
}

export function canSee(event: DomainEvent, user: { id: string; roles: readonly string[] }): boolean {
  if (event.audience === 'all') return true;
  return event.audience.userIds.includes(user.id) || event.audience.roles.some((r) => user.roles.includes(r));
}
