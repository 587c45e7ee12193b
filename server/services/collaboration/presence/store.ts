// Who is on which page, as this app instance has heard it from the live bus. Every instance
// receives every presence event (LISTEN/NOTIFY delivers to all, the publisher included), so each
// keeps the same map page -> person -> last seen without any shared storage. Ephemeral by design:
// an instance that restarts knows everyone again within one heartbeat.
import { PRESENCE_TTL_MS } from '@/lib/validation/presence';
import type { DomainEvent, EventBus } from '@/server/events/types';

export type PresenceSignal = NonNullable<DomainEvent['presence']>;
export type PresentPerson = { userId: string; name: string; since: Date; lastSeen: Date };

type Entry = { name: string; since: number; lastSeen: number };

export class PresenceStore {
  private readonly pages = new Map<string, Map<string, Entry>>();
  private lastSweep = 0;

  constructor(private readonly ttlMs = PRESENCE_TTL_MS) {}

  /** Applies one heartbeat or leave; true when it changed who is on the page (not just when they were last seen). */
  apply(signal: PresenceSignal, now = Date.now()): boolean {
    if (now - this.lastSweep > this.ttlMs) this.sweep(now);
    const people = this.live(signal.page, now);
    if (signal.left) {
      const was = people.delete(signal.userId);
      if (people.size === 0) this.pages.delete(signal.page);
      return was;
    }
    const entry = people.get(signal.userId);
    people.set(signal.userId, { name: signal.name, since: entry?.since ?? now, lastSeen: now });
    this.pages.set(signal.page, people);
    return !entry || entry.name !== signal.name;
  }

  /** The people seen on the page within the last TTL, in the order they arrived. */
  people(page: string, now = Date.now()): PresentPerson[] {
    return [...this.live(page, now)]
      .map(([userId, e]) => ({ userId, name: e.name, since: new Date(e.since), lastSeen: new Date(e.lastSeen) }))
      .sort((a, b) => a.since.getTime() - b.since.getTime() || a.name.localeCompare(b.name));
  }

  /** The page's people with the expired ones dropped (a closed laptop sends no leave). */
  private live(page: string, now: number): Map<string, Entry> {
    const people = this.pages.get(page) ?? new Map<string, Entry>();
    for (const [userId, e] of people) if (now - e.lastSeen > this.ttlMs) people.delete(userId);
    if (people.size === 0) this.pages.delete(page);
    return people;
  }

  /** Drops every expired entry; the instance's memory stays bounded by the pages open right now. */
  sweep(now = Date.now()) {
    this.lastSweep = now;
    for (const page of [...this.pages.keys()]) this.live(page, now);
  }
}

const stores = new WeakMap<EventBus, PresenceStore>();

/** This instance's store for the bus, fed by every presence event the bus delivers from now on. */
export function presenceStoreFor(bus: EventBus): PresenceStore {
  let store = stores.get(bus);
  if (!store) {
    const created = new PresenceStore();
    bus.subscribe((event) => {
      if (event.presence) created.apply(event.presence);
    });
    stores.set(bus, created);
    store = created;
  }
  return store;
}
