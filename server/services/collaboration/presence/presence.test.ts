// Presence on release request and alert pages: joining, two people, leaving, expiry after 40 s
// without a heartbeat, refusal of someone who may not see the subject, and the same view on two
// app instances that share nothing but the live bus.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRESENCE_TTL_MS, presencePage } from '@/lib/validation/presence';
import { alertRules, alerts } from '@/server/db/schema';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '@/server/errors';
import { createMemoryBus } from '@/server/events/memory-bus';
import { createPgBus } from '@/server/events/pg-bus';
import { canSee, type DomainEvent } from '@/server/events/types';
import { freshDatabase, serverUrl, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../../catalog/create-version';
import { registerModel } from '../../catalog/register-model';
import type { SessionUser } from '../../context';
import { createDeployment } from '../../monitoring/deployments';
import { createReleaseRequest } from '../../releases/request-release';
import { leavePage, peopleOnPage, presenceHeartbeat } from './presence';
import { PresenceStore } from './store';

let t: TestDatabase;
let scientist: SessionUser;
let approver: SessionUser;
let ops: SessionUser;
let nobody: SessionUser;
let releasePage: string;
let alertPage: string;
const bus = createMemoryBus();
const published: DomainEvent[] = [];
bus.subscribe((e) => published.push(e));
const as = (user: SessionUser | null) => contextFor(t.db, user, bus);
const names = async (user: SessionUser, page: string) => (await peopleOnPage({ ctx: as(user), input: { page } })).people.map((p) => p.name);

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist'], { name: 'Sam Scientist' });
  approver = await createUserWithSession(t.db, ['approver'], { name: 'Ada Approver' });
  ops = await createUserWithSession(t.db, ['ops'], { name: 'Olga Ops' });
  nobody = await createUserWithSession(t.db, [], { name: 'Nico Nobody' });
  const model = await registerModel({ ctx: as(scientist), input: { name: 'Present Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  const version = await createVersion({
    ctx: as(scientist),
    input: { modelId: model.id, files: tfjsModelFiles({ inputs: 1 }).files, metadata: { inputSchema: { features: [{ name: 'x', type: 'numeric', allowMissing: true }] }, outputSchema: { target: 'y', classLabels: ['no', 'yes'], positiveClass: 'yes' } } },
  });
  const request = await createReleaseRequest({ ctx: as(scientist), input: { modelId: model.id, version: 1, alias: 'staging', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } });
  releasePage = presencePage('release', request.id);
  const deploymentId = (await createDeployment({ ctx: as(ops), input: { modelId: model.id, environment: 'prod' } })).id;
  const [rule] = await t.db.select().from(alertRules).where(eq(alertRules.deploymentId, deploymentId)).limit(1);
  if (!rule) throw new Error('no default rule');
  const [alert] = await t.db.insert(alerts).values({ ruleId: rule.id, deploymentId, versionId: version.id, subject: '', kind: rule.kind, severity: 'warning', state: 'open', title: 'Drift' }).returning();
  if (!alert) throw new Error('no alert');
  alertPage = presencePage('alert', alert.id);
});
afterAll(async () => t.close());
afterEach(() => {
  vi.useRealTimers();
});

describe('presence on a page', () => {
  it('shows who joined, two people in the order they came, and drops one who leaves', async () => {
    published.length = 0;
    const first = await presenceHeartbeat({ ctx: as(scientist), input: { page: releasePage } });
    expect(first.people).toEqual([expect.objectContaining({ userId: scientist.id, name: 'Sam Scientist', isYou: true })]);
    await presenceHeartbeat({ ctx: as(approver), input: { page: releasePage } });
    expect(await names(scientist, releasePage)).toEqual(['Sam Scientist', 'Ada Approver']);
    const seenByApprover = await peopleOnPage({ ctx: as(approver), input: { page: releasePage } });
    expect(seenByApprover.people.map((p) => [p.name, p.isYou])).toEqual([['Sam Scientist', false], ['Ada Approver', true]]);

    // A join refreshes open pages; a repeat heartbeat only keeps the stores fresh.
    await presenceHeartbeat({ ctx: as(scientist), input: { page: releasePage } });
    expect(published.map((e) => [e.type, e.topics.join(',')])).toEqual([['presence.seen', 'presence'], ['presence.seen', 'presence'], ['presence.seen', '']]);
    // A join is addressed to who may see the release request, not to a person without roles; a
    // repeat heartbeat reaches the other instances' stores but no browser.
    const [join, , repeat] = published;
    if (!join || !repeat) throw new Error('no events');
    expect([canSee(join, approver), canSee(join, ops), canSee(join, nobody)]).toEqual([true, true, false]);
    expect([scientist, approver, ops, nobody].some((u) => canSee(repeat, u))).toBe(false);

    await leavePage({ ctx: as(approver), input: { page: releasePage } });
    expect(await names(scientist, releasePage)).toEqual(['Sam Scientist']);
    expect(published.at(-1)).toMatchObject({ type: 'presence.left', topics: ['presence'], entityId: releasePage });
    // Pages are separate.
    expect(await names(ops, alertPage)).toEqual([]);
  });

  it('forgets a person 40 s after their last heartbeat (a closed laptop sends no leave)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    await presenceHeartbeat({ ctx: as(ops), input: { page: alertPage } });
    await presenceHeartbeat({ ctx: as(scientist), input: { page: alertPage } });
    vi.setSystemTime(start + 30_000);
    await presenceHeartbeat({ ctx: as(scientist), input: { page: alertPage } });
    vi.setSystemTime(start + PRESENCE_TTL_MS - 1);
    expect(await names(scientist, alertPage)).toEqual(['Olga Ops', 'Sam Scientist']);
    vi.setSystemTime(start + PRESENCE_TTL_MS + 1);
    expect(await names(scientist, alertPage)).toEqual(['Sam Scientist']);
    vi.setSystemTime(start + 30_000 + PRESENCE_TTL_MS + 1);
    expect(await names(scientist, alertPage)).toEqual([]);
  });

  it('refuses someone who may not see the subject, writing and publishing nothing', async () => {
    published.length = 0;
    await expect(presenceHeartbeat({ ctx: as(approver), input: { page: alertPage } })).rejects.toThrow(ForbiddenError);
    await expect(peopleOnPage({ ctx: as(approver), input: { page: alertPage } })).rejects.toThrow(ForbiddenError);
    await expect(presenceHeartbeat({ ctx: as(nobody), input: { page: releasePage } })).rejects.toThrow(ForbiddenError);
    await expect(leavePage({ ctx: as(nobody), input: { page: releasePage } })).rejects.toThrow(ForbiddenError);
    await expect(presenceHeartbeat({ ctx: as(null), input: { page: releasePage } })).rejects.toThrow(UnauthorizedError);
    await expect(presenceHeartbeat({ ctx: as(ops), input: { page: presencePage('alert', '00000000-0000-4000-8000-000000000000') } })).rejects.toThrow(NotFoundError);
    await expect(presenceHeartbeat({ ctx: as(ops), input: { page: 'model:00000000-0000-4000-8000-000000000000' } })).rejects.toThrow(ValidationError);
    await expect(presenceHeartbeat({ ctx: as(ops), input: { page: 'alert:not-an-id' } })).rejects.toThrow(ValidationError);
    expect(published).toEqual([]);
    expect(await names(ops, alertPage)).not.toContain('Ada Approver');
    expect(await names(scientist, releasePage)).not.toContain('Nico Nobody');
  });
});

describe('the store', () => {
  it('counts a change of who is there, not a repeat, and expires by the last heartbeat', () => {
    const store = new PresenceStore(40_000);
    const page = 'release:x';
    expect(store.apply({ page, userId: 'a', name: 'A', left: false }, 0)).toBe(true);
    expect(store.apply({ page, userId: 'a', name: 'A', left: false }, 10_000)).toBe(false);
    expect(store.apply({ page, userId: 'b', name: 'B', left: false }, 20_000)).toBe(true);
    expect(store.people(page, 50_000).map((p) => p.userId)).toEqual(['a', 'b']);
    expect(store.people(page, 50_001).map((p) => p.userId)).toEqual(['b']);
    expect(store.apply({ page, userId: 'b', name: 'B', left: true }, 50_002)).toBe(true);
    expect(store.apply({ page, userId: 'b', name: 'B', left: true }, 50_003)).toBe(false);
    expect(store.people(page, 50_004)).toEqual([]);
  });
});

describe.runIf(serverUrl())('across app instances', () => {
  it('shows a person who joined through one instance to someone asking another', async () => {
    const a = createPgBus(t.url);
    const b = createPgBus(t.url);
    try {
      await Promise.all([a.ready(), b.ready()]);
      // Each instance's store starts listening on its first presence call.
      await peopleOnPage({ ctx: contextFor(t.db, ops, b), input: { page: alertPage } });
      await presenceHeartbeat({ ctx: contextFor(t.db, ops, a), input: { page: alertPage } });
      const until = Date.now() + 3000;
      let seen: string[] = [];
      while (Date.now() < until) {
        seen = (await peopleOnPage({ ctx: contextFor(t.db, scientist, b), input: { page: alertPage } })).people.map((p) => p.name);
        if (seen.length > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen).toEqual(['Olga Ops']);
      await leavePage({ ctx: contextFor(t.db, ops, a), input: { page: alertPage } });
      const gone = Date.now() + 3000;
      while (Date.now() < gone && (await peopleOnPage({ ctx: contextFor(t.db, scientist, b), input: { page: alertPage } })).people.length > 0) await new Promise((r) => setTimeout(r, 20));
      expect((await peopleOnPage({ ctx: contextFor(t.db, scientist, b), input: { page: alertPage } })).people).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
