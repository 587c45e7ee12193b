import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerFactory } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/routers/_app';
import { setUserRoles } from '@/server/services/users/set-user-roles';
import { freshDatabase, serverUrl, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { createMemoryBus } from './memory-bus';
import { createPgBus } from './pg-bus';
import type { DomainEvent, EventBus } from './types';

const createCaller = createCallerFactory(appRouter);

/** Subscribes as `user` and collects what arrives until `count` items or the time runs out. */
async function streamFor(ctx: ReturnType<typeof contextFor>, count: number, ms = 3000) {
  const controller = new AbortController();
  const iterable = (await createCaller(ctx, { signal: controller.signal }).events.stream()) as AsyncIterable<{ type: string; topics: string[]; entityId: string | null }>;
  const timer = setTimeout(() => controller.abort(), ms);
  return (async () => {
    const got: { type: string; topics: string[]; entityId: string | null }[] = [];
    try {
      for await (const item of iterable) {
        got.push(item);
        if (got.length >= count) break;
      }
    } catch {
      // aborted: time is up
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    return got;
  })();
}

describe('live bus to subscribers', () => {
  let t: TestDatabase;
  let bus: EventBus;
  beforeAll(async () => {
    t = await freshDatabase();
    bus = createMemoryBus();
  });
  afterAll(async () => {
    await bus.close();
    await t.close();
  });

  it('streams a committed change to each user filtered by what they may see', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    const scientist = await createUserWithSession(t.db, ['data_scientist']);
    const bystander = await createUserWithSession(t.db, ['ops']);
    const received = Promise.all([
      streamFor(contextFor(t.db, admin, bus), 2),
      streamFor(contextFor(t.db, scientist, bus), 1),
      streamFor(contextFor(t.db, bystander, bus), 1, 800),
    ]);
    await new Promise((r) => setTimeout(r, 50));

    await setUserRoles({ ctx: contextFor(t.db, admin, bus), input: { userId: scientist.id, roles: ['data_scientist', 'approver'] } });

    const [forAdmin, forScientist, forBystander] = await received;
    expect(forAdmin.map((e) => e.type).sort()).toEqual(['audit.appended', 'user.changed']);
    expect(forScientist).toEqual([expect.objectContaining({ type: 'user.changed', topics: ['users', 'me'], entityId: scientist.id })]);
    expect(forBystander).toEqual([]);
  });

  it('publishes nothing for a transaction that rolled back', async () => {
    const admin = await createUserWithSession(t.db, ['admin']);
    const seen: DomainEvent[] = [];
    const off = bus.subscribe((e) => seen.push(e));
    await expect(setUserRoles({ ctx: contextFor(t.db, admin, bus), input: { userId: '00000000-0000-4000-8000-000000000000', roles: [] } })).rejects.toThrow();
    off();
    expect(seen).toEqual([]);
  });
});

describe.runIf(serverUrl())('LISTEN/NOTIFY across app instances', () => {
  it('delivers an event published by one instance to every other instance', async () => {
    const t = await freshDatabase();
    const a = createPgBus(t.url);
    const b = createPgBus(t.url);
    try {
      const gotA: DomainEvent[] = [];
      const gotB: DomainEvent[] = [];
      a.subscribe((e) => gotA.push(e));
      b.subscribe((e) => gotB.push(e));
      await Promise.all([a.ready(), b.ready()]);
      const event: DomainEvent = { type: 'user.changed', topics: ['users'], entityId: 'u1', audience: 'all', at: new Date().toISOString() };
      await a.publish([event]);
      const until = Date.now() + 3000;
      while ((gotA.length < 1 || gotB.length < 1) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(gotA).toEqual([event]);
      expect(gotB).toEqual([event]);
    } finally {
      await a.close();
      await b.close();
      await t.close();
    }
  });
});
