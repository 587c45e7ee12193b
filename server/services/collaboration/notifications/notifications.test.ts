// Notification fan-out and the inbox: who is told of what (signatures waiting, decisions on my
// request, alerts assigned to me or opened on a model I watch, new versions of a model I watch)
// and that nobody else is: not the requester or author asked to sign, not a watcher who may not
// read monitoring, never a disabled person. Marking read touches only one's own rows; watching
// is idempotent; every change is audited once.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_POLICIES } from '@/lib/releases/policy';
import type { Decision } from '@/lib/validation/releases';
import { alerts, auditEvents, modelWatches, notifications, users, type NotificationKind } from '@/server/db/schema';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { DomainEvent } from '@/server/events/types';
import { NotFoundError, ValidationError } from '@/server/errors';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession, keyContextFor } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../../catalog/create-version';
import { registerModel } from '../../catalog/register-model';
import type { SessionUser } from '../../context';
import { createDeployment } from '../../monitoring/deployments';
import { ingestEvents } from '../../monitoring/ingest';
import { authenticateIngestionKey, createIngestionKey } from '../../monitoring/ingestion-keys';
import { evaluateAlerts } from '../../monitoring/alerts/evaluate';
import { assignAlert, resolveAlert } from '../../monitoring/alerts/workflow';
import { mutate } from '../../mutate';
import { setTierPolicy } from '../../releases/policies';
import { releaseApproved } from '../../releases/release';
import { createReleaseRequest, submitReleaseRequest } from '../../releases/request-release';
import { meaningOf } from '../../releases/request-state';
import { signDecision } from '../../releases/sign-decision';
import { notify } from '../notify';
import { unwatchModel, watchModel, watchState } from '../watches/watch-model';
import { listNotifications, unreadNotificationCount } from './list-notifications';
import { markAllNotificationsRead, markNotificationRead } from './mark-read';

const PASSWORD = 'notifications-test-password';
let t: TestDatabase;
const ctx = (user: SessionUser | null, bus = createMemoryBus()) => contextFor(t.db, user, bus);

// People. The author and the requester could sign (they hold the approver role) but must not be asked.
let admin: SessionUser;
let author: SessionUser;
let requester: SessionUser;
let approver: SessionUser;
let approver2: SessionUser;
let reviewer: SessionUser;
let disabledApprover: SessionUser;
let ops: SessionUser;
let ops2: SessionUser;
let auditor: SessionUser;
let watcherScientist: SessionUser;
let watcherBusiness: SessionUser;
let watcherNobody: SessionUser;
let disabledWatcher: SessionUser;
let everyone: SessionUser[];

const inputSchema = { features: [{ name: 'x', type: 'numeric' as const, allowMissing: true }] };
const outputSchema = { target: 'y', classLabels: ['no', 'yes'], positiveClass: 'yes' };

let modelCounter = 0;
async function modelWith(riskTier: 'low' | 'medium' | 'high', versions = 1) {
  modelCounter += 1;
  const model = await registerModel({ ctx: ctx(author), input: { name: `Notified Model ${modelCounter}`, ownerTeam: 'Collab', taskType: 'binary_classification', riskTier } });
  for (let v = 1; v <= versions; v++) {
    await createVersion({ ctx: ctx(author), input: { modelId: model.id, files: tfjsModelFiles({ inputs: 1, seed: modelCounter * 10 + v }).files, metadata: { inputSchema, outputSchema } } });
  }
  return model;
}

/** Who holds a notification of `kind` about `subjectId`, one entry per row, sorted by name. */
async function told(kind: NotificationKind, subjectId: string) {
  const rows = await t.db
    .select({ name: users.name })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(eq(notifications.kind, kind), eq(notifications.subjectId, subjectId)));
  return rows.map((r) => r.name).sort();
}
const names = (...people: SessionUser[]) => people.map((p) => p.name).sort();

async function sign(signer: SessionUser, requestId: string, decision: Decision, request: { kind: 'release' | 'rollback_review' | 're_review'; version: number; alias: string }, modelName: string) {
  return signDecision({ ctx: ctx(signer), input: { requestId, decision, reason: `Because ${decision}.`, meaning: meaningOf(decision, request, modelName), password: PASSWORD } });
}

beforeAll(async () => {
  t = await freshDatabase();
  const person = (roles: Parameters<typeof createUserWithSession>[1], name: string) => createUserWithSession(t.db, roles, { name, password: PASSWORD });
  admin = await person(['admin'], 'Ada Admin');
  author = await person(['data_scientist', 'approver'], 'Arthur Author');
  requester = await person(['data_scientist', 'approver'], 'Rita Requester');
  approver = await person(['approver'], 'Amy Approver');
  approver2 = await person(['approver'], 'Abe Approver');
  reviewer = await person(['risk_reviewer'], 'Rex Reviewer');
  disabledApprover = await person(['approver'], 'Dan Disabled Approver');
  ops = await person(['ops'], 'Olga Ops');
  ops2 = await person(['ops'], 'Oscar Ops');
  auditor = await person(['auditor'], 'Aude Auditor');
  watcherScientist = await person(['data_scientist'], 'Wendy Watcher Scientist');
  watcherBusiness = await person(['approver'], 'Will Watcher Business');
  watcherNobody = await person([], 'Nora Watcher Nobody');
  disabledWatcher = await person(['data_scientist', 'ops'], 'Dora Disabled Watcher');
  everyone = [admin, author, requester, approver, approver2, reviewer, disabledApprover, ops, ops2, auditor, watcherScientist, watcherBusiness, watcherNobody, disabledWatcher];
});
afterAll(async () => t.close());

async function disable(...people: SessionUser[]) {
  await t.db.update(users).set({ disabled: true }).where(inArray(users.id, people.map((p) => p.id)));
}

describe('(a) a release request waiting for signatures and (b) decisions on my request', () => {
  it('asks every active person a pending request needs, except its requester and the version’s author; resubmission asks again', async () => {
    await disable(disabledApprover);
    const model = await modelWith('low', 2);
    const request = await createReleaseRequest({ ctx: ctx(requester), input: { modelId: model.id, version: 1, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r', submit: true } });
    // Low tier needs one approver (Will is one): not the reviewer, ops, admin, auditor or the disabled
    // approver; not Rita or Arthur, who hold the role but asked for it and built the version.
    expect(await told('signature_requested', request.id)).toEqual(names(approver, approver2, watcherBusiness));
    const [row] = await t.db.select().from(notifications).where(and(eq(notifications.kind, 'signature_requested'), eq(notifications.userId, approver.id), eq(notifications.subjectId, request.id)));
    expect(row).toMatchObject({ href: `/approvals/${request.id}`, subjectType: 'release', modelId: model.id, actorName: requester.name, readAt: null });
    expect(row?.title).toContain(`v1 to production`);

    // Changes requested: only the requester hears of it. Resubmitting asks the approvers again.
    await sign(approver, request.id, 'request_changes', { kind: 'release', version: 1, alias: 'production' }, model.name);
    expect(await told('decision_on_my_request', request.id)).toEqual(names(requester));
    await submitReleaseRequest({ ctx: ctx(requester), input: { requestId: request.id, note: 'Fixed.' } });
    expect(await told('signature_requested', request.id)).toEqual(names(approver, approver, approver2, approver2, watcherBusiness, watcherBusiness));

    // Approved and (low tier) released at once: one more for the requester, saying so.
    await sign(approver2, request.id, 'approve', { kind: 'release', version: 1, alias: 'production' }, model.name);
    expect(await told('decision_on_my_request', request.id)).toEqual(names(requester, requester));
    const decisions = await t.db.select({ title: notifications.title, actorName: notifications.actorName }).from(notifications).where(and(eq(notifications.kind, 'decision_on_my_request'), eq(notifications.subjectId, request.id))).orderBy(asc(notifications.createdAt));
    expect(decisions.map((d) => d.actorName)).toEqual([approver.name, approver2.name]);
    expect(decisions[0]?.title).toMatch(/asked for changes/);
    expect(decisions[1]?.title).toMatch(/approved REL-\d+ .*: v1 was released to production/);

    // A rejection of another request reaches its requester alone.
    const second = await createReleaseRequest({ ctx: ctx(requester), input: { modelId: model.id, version: 2, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r', submit: true } });
    await sign(approver, second.id, 'reject', { kind: 'release', version: 2, alias: 'production' }, model.name);
    expect(await told('decision_on_my_request', second.id)).toEqual(names(requester));
    const [rejected] = await t.db.select({ title: notifications.title }).from(notifications).where(and(eq(notifications.kind, 'decision_on_my_request'), eq(notifications.subjectId, second.id)));
    expect(rejected?.title).toMatch(/rejected/);
  });

  it('asks every role the policy needs (approver and risk reviewer for a high-risk model)', async () => {
    const model = await modelWith('high');
    const request = await createReleaseRequest({ ctx: ctx(requester), input: { modelId: model.id, version: 1, alias: 'staging', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r', submit: true } });
    expect(await told('signature_requested', request.id)).toEqual(names(approver, approver2, reviewer, watcherBusiness));
  });

  it('tells the requester when an approved request that waited is released, but not when they release it themselves', async () => {
    await setTierPolicy({ ctx: ctx(admin), input: { riskTier: 'medium', policy: { ...DEFAULT_TIER_POLICIES.medium, requireModelCard: false, requireEvaluation: false, releaseOnApproval: false } } });
    const model = await modelWith('medium');
    const request = await createReleaseRequest({ ctx: ctx(requester), input: { modelId: model.id, version: 1, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r', submit: true } });
    await sign(approver, request.id, 'approve', { kind: 'release', version: 1, alias: 'production' }, model.name);
    await releaseApproved({ ctx: ctx(ops), input: { requestId: request.id } });
    const rows = await t.db.select({ userId: notifications.userId, title: notifications.title, actorName: notifications.actorName }).from(notifications).where(and(eq(notifications.kind, 'decision_on_my_request'), eq(notifications.subjectId, request.id))).orderBy(asc(notifications.createdAt));
    expect(rows.map((r) => r.userId)).toEqual([requester.id, requester.id]);
    expect(rows[0]?.title).toMatch(/approved .*waits to be released/);
    expect(rows[1]).toMatchObject({ actorName: ops.name });
    expect(rows[1]?.title).toMatch(/^Olga Ops released REL-\d+/);

    const own = await createReleaseRequest({ ctx: ctx(requester), input: { modelId: model.id, version: 1, alias: 'staging', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r', submit: true } });
    await sign(approver, own.id, 'approve', { kind: 'release', version: 1, alias: 'staging' }, model.name);
    await releaseApproved({ ctx: ctx(requester), input: { requestId: own.id } });
    expect(await told('decision_on_my_request', own.id)).toEqual(names(requester)); // the approval only
  });

  it('tells nobody when the requester has been disabled', async () => {
    const lone = await createUserWithSession(t.db, ['data_scientist'], { name: 'Lou Leaving', password: PASSWORD });
    const model = await registerModel({ ctx: ctx(lone), input: { name: 'Leaver Model', ownerTeam: 'Collab', taskType: 'binary_classification', riskTier: 'low' } });
    await createVersion({ ctx: ctx(lone), input: { modelId: model.id, files: tfjsModelFiles({ inputs: 1, seed: 999 }).files, metadata: { inputSchema, outputSchema } } });
    const request = await createReleaseRequest({ ctx: ctx(lone), input: { modelId: model.id, version: 1, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r', submit: true } });
    await disable(lone);
    await sign(approver, request.id, 'reject', { kind: 'release', version: 1, alias: 'production' }, model.name);
    expect(await told('decision_on_my_request', request.id)).toEqual([]);
  });
});

describe('(c) alerts assigned to me, (d) alerts on a model I watch and (e) new versions of a model I watch', () => {
  let modelId: string;
  let alertId: string;
  let bus = createMemoryBus();

  beforeAll(async () => {
    const model = await modelWith('low');
    modelId = model.id;
    for (const p of [watcherScientist, watcherBusiness, watcherNobody, disabledWatcher, ops, author]) await watchModel({ ctx: ctx(p), input: { modelId } });
    await disable(disabledWatcher);
    const deployment = await createDeployment({ ctx: ctx(ops), input: { modelId, environment: 'prod' } });
    const { key } = await createIngestionKey({ ctx: ctx(ops), input: { deploymentId: deployment.id, name: 'k' } });
    const principal = await authenticateIngestionKey(t.db, key);
    if (!principal) throw new Error('no key');
    // Half of "x" missing: over the default 10% missing-rate rule.
    const events = Array.from({ length: 60 }, (_, i) => ({ event_id: `n-${i}`, timestamp: new Date().toISOString(), features: { x: i % 2 ? null : i }, prediction: 'yes', probabilities: [0.4, 0.6], latency_ms: 5, model_version: 1 }));
    const result = await ingestEvents({ ctx: keyContextFor(t.db, principal, bus), input: { events } });
    expect(result.accepted).toBe(60);
  });

  it('tells the watchers who may read monitoring of an alert opened and re-opened, and no one else', async () => {
    bus = createMemoryBus();
    const seen: DomainEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    await evaluateAlerts(ctx(null, bus));
    const [alert] = await t.db.select().from(alerts).where(eq(alerts.kind, 'missing_rate'));
    if (!alert) throw new Error('no alert opened');
    alertId = alert.id;
    // The watching data scientists and ops; not the approver or the person without roles (no
    // monitoring role), not the disabled watcher, not Oscar (not watching).
    expect(await told('alert_opened_watched', alertId)).toEqual(names(author, ops, watcherScientist));
    const everyAlertRow = await t.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'alert_opened_watched'));
    expect(new Set(everyAlertRow.map((r) => r.userId))).toEqual(new Set([author.id, ops.id, watcherScientist.id]));
    // The live event names the recipients alone.
    const live = seen.filter((e) => e.type === 'notifications.changed');
    expect(live.length).toBeGreaterThan(0);
    for (const e of live) expect(e.audience !== 'all' && e.audience.userIds.every((id) => [author.id, ops.id, watcherScientist.id].includes(id)) && e.audience.roles.length === 0).toBe(true);

    await resolveAlert({ ctx: ctx(ops), input: { alertId, note: 'Looked into it.' } });
    await evaluateAlerts(ctx(null));
    expect((await t.db.select({ state: alerts.state }).from(alerts).where(eq(alerts.id, alertId)))[0]?.state).toBe('open');
    expect(await told('alert_opened_watched', alertId)).toEqual(names(author, author, ops, ops, watcherScientist, watcherScientist));
    const titles = await t.db.select({ title: notifications.title }).from(notifications).where(and(eq(notifications.subjectId, alertId), eq(notifications.userId, ops.id))).orderBy(asc(notifications.createdAt));
    expect(titles.map((r) => r.title.split(' ')[1])).toEqual(['opened', 're-opened']);
  });

  it('tells the new assignee of an alert, not someone who assigns it to themselves, and not on unassigning', async () => {
    await assignAlert({ ctx: ctx(ops), input: { alertId, assigneeId: ops2.id } });
    await assignAlert({ ctx: ctx(ops), input: { alertId, assigneeId: ops2.id } }); // already theirs
    await assignAlert({ ctx: ctx(ops), input: { alertId, assigneeId: ops.id } });
    await assignAlert({ ctx: ctx(ops), input: { alertId, assigneeId: null } });
    expect(await told('alert_assigned', alertId)).toEqual(names(ops2));
    const [row] = await t.db.select().from(notifications).where(and(eq(notifications.kind, 'alert_assigned'), eq(notifications.subjectId, alertId)));
    expect(row).toMatchObject({ userId: ops2.id, href: `/monitoring/alerts/${alertId}`, subjectType: 'alert', modelId, actorName: ops.name });
  });

  it('tells every active watcher but the author of a new version', async () => {
    bus = createMemoryBus();
    const seen: DomainEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const version = await createVersion({ ctx: ctx(author, bus), input: { modelId, files: tfjsModelFiles({ inputs: 1, seed: 4242 }).files, metadata: { inputSchema, outputSchema } } });
    expect(await told('version_created_watched', version.id)).toEqual(names(ops, watcherBusiness, watcherNobody, watcherScientist));
    const [row] = await t.db.select().from(notifications).where(and(eq(notifications.kind, 'version_created_watched'), eq(notifications.userId, watcherNobody.id)));
    expect(row).toMatchObject({ href: `/models/${modelId}/versions/2`, subjectType: 'version', subjectId: version.id, modelId, actorName: author.name });
    const live = seen.filter((e) => e.type === 'notifications.changed').flatMap((e) => (e.audience === 'all' ? ['all'] : e.audience.userIds));
    expect(live.sort()).toEqual([ops.id, watcherBusiness.id, watcherNobody.id, watcherScientist.id].sort());
  });

  it('never writes a notification for a disabled person', async () => {
    const rows = await t.db.select({ id: notifications.id }).from(notifications).where(inArray(notifications.userId, [disabledApprover.id, disabledWatcher.id]));
    expect(rows).toEqual([]);
    // And people with nothing to do with any of it heard nothing.
    const outsiders = await t.db.select({ id: notifications.id }).from(notifications).where(inArray(notifications.userId, [admin.id, auditor.id]));
    expect(outsiders).toEqual([]);
    expect(everyone.length).toBe(14);
  });
});

describe('the inbox', () => {
  let inboxOwner: SessionUser;
  let other: SessionUser;
  const subject = '00000000-0000-4000-8000-000000000001';

  beforeAll(async () => {
    inboxOwner = await createUserWithSession(t.db, ['approver'], { name: 'Ines Inbox' });
    other = await createUserWithSession(t.db, ['approver'], { name: 'Otto Other' });
    const item = (userId: string, n: number) => ({ userId, kind: 'mention' as const, title: `Note ${n}`, href: '/models', subjectType: 'model', subjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, actorName: 'Someone' });
    // Two fan-outs: rows of one transaction share their timestamp, so paging must break ties by id.
    await mutate(ctx(null), (w) => notify(w, [1, 2, 3, 4, 5].map((n) => item(inboxOwner.id, n))));
    await mutate(ctx(null), (w) => notify(w, [6, 7, 8].map((n) => item(inboxOwner.id, n))));
    await mutate(ctx(null), (w) => notify(w, [{ ...item(other.id, 9), subjectId: subject }]));
  });

  it('lists my own notifications newest first, in pages that neither skip nor repeat, with an unread filter', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listNotifications>> = await listNotifications({ ctx: ctx(inboxOwner), input: { limit: 3, cursor } });
      seen.push(...page.items.map((i) => i.title));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen.slice(0, 3).every((s) => ['Note 6', 'Note 7', 'Note 8'].includes(s))).toBe(true);
    expect(seen).not.toContain('Note 9');
    expect(await unreadNotificationCount({ ctx: ctx(inboxOwner), input: undefined })).toEqual({ unread: 8 });
    await expect(listNotifications({ ctx: ctx(inboxOwner), input: { limit: 1000 } })).rejects.toThrow(ValidationError);
    await expect(listNotifications({ ctx: ctx(inboxOwner), input: { filter: 'nope' } })).rejects.toThrow(ValidationError);
  });

  it('marks one read (audited once), refuses someone else’s as not found, and mark-all touches only my rows', async () => {
    const { items } = await listNotifications({ ctx: ctx(inboxOwner), input: { limit: 1 } });
    const mine = items[0];
    if (!mine) throw new Error('no notification');
    const [theirs] = await t.db.select().from(notifications).where(eq(notifications.userId, other.id));
    if (!theirs) throw new Error('no notification');

    await expect(markNotificationRead({ ctx: ctx(inboxOwner), input: { notificationId: theirs.id } })).rejects.toThrow(NotFoundError);
    await expect(markNotificationRead({ ctx: ctx(inboxOwner), input: { notificationId: 'not-a-uuid' } })).rejects.toThrow(ValidationError);
    expect((await t.db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, theirs.id)))[0]?.readAt).toBeNull();

    expect(await markNotificationRead({ ctx: ctx(inboxOwner), input: { notificationId: mine.id } })).toMatchObject({ changed: true });
    expect(await markNotificationRead({ ctx: ctx(inboxOwner), input: { notificationId: mine.id } })).toMatchObject({ changed: false });
    const readAudits = await t.db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(and(eq(auditEvents.action, 'notification.read'), eq(auditEvents.entityId, mine.id)));
    expect(readAudits).toEqual([{ action: 'notification.read', actorId: inboxOwner.id }]);
    expect(await unreadNotificationCount({ ctx: ctx(inboxOwner), input: undefined })).toEqual({ unread: 7 });
    const unread = await listNotifications({ ctx: ctx(inboxOwner), input: { filter: 'unread', limit: 100 } });
    expect(unread.items.map((i) => i.id)).not.toContain(mine.id);
    expect(unread.items).toHaveLength(7);

    expect(await markAllNotificationsRead({ ctx: ctx(inboxOwner), input: undefined })).toEqual({ marked: 7 });
    expect(await markAllNotificationsRead({ ctx: ctx(inboxOwner), input: undefined })).toEqual({ marked: 0 });
    expect(await unreadNotificationCount({ ctx: ctx(inboxOwner), input: undefined })).toEqual({ unread: 0 });
    expect(await unreadNotificationCount({ ctx: ctx(other), input: undefined })).toEqual({ unread: 1 });
    const allAudits = await t.db.select({ after: auditEvents.after }).from(auditEvents).where(and(eq(auditEvents.action, 'notification.read_all'), eq(auditEvents.entityId, inboxOwner.id)));
    expect(allAudits).toHaveLength(1);
    expect(allAudits[0]?.after).toMatchObject({ marked: 7 });
  });
});

describe('watching a model', () => {
  it('is idempotent both ways, audited once each way, and counts the watchers', async () => {
    const model = await modelWith('low');
    const modelId = model.id;
    expect(await watchState({ ctx: ctx(auditor), input: { modelId } })).toEqual({ watching: false, watchers: 0 });
    expect(await watchModel({ ctx: ctx(auditor), input: { modelId } })).toMatchObject({ watching: true, watchers: 1, changed: true });
    expect(await watchModel({ ctx: ctx(auditor), input: { modelId } })).toMatchObject({ watching: true, watchers: 1, changed: false });
    await watchModel({ ctx: ctx(watcherNobody), input: { modelId } });
    expect(await watchState({ ctx: ctx(auditor), input: { modelId } })).toEqual({ watching: true, watchers: 2 });
    expect(await watchState({ ctx: ctx(ops2), input: { modelId } })).toEqual({ watching: false, watchers: 2 });
    expect(await unwatchModel({ ctx: ctx(auditor), input: { modelId } })).toMatchObject({ watching: false, watchers: 1, changed: true });
    expect(await unwatchModel({ ctx: ctx(auditor), input: { modelId } })).toMatchObject({ watching: false, watchers: 1, changed: false });
    const rows = await t.db.select().from(modelWatches).where(eq(modelWatches.modelId, modelId));
    expect(rows.map((r) => r.userId)).toEqual([watcherNobody.id]);
    const trail = await t.db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(and(eq(auditEvents.entityId, modelId), inArray(auditEvents.action, ['model.watched', 'model.unwatched']))).orderBy(asc(auditEvents.seq));
    expect(trail).toEqual([
      { action: 'model.watched', actorId: auditor.id },
      { action: 'model.watched', actorId: watcherNobody.id },
      { action: 'model.unwatched', actorId: auditor.id },
    ]);
    await expect(watchModel({ ctx: ctx(auditor), input: { modelId: '00000000-0000-4000-8000-00000000abcd' } })).rejects.toThrow(NotFoundError);
    await expect(watchModel({ ctx: ctx(auditor), input: { modelId: 'x' } })).rejects.toThrow(ValidationError);
    await expect(watchModel({ ctx: ctx(null), input: { modelId } })).rejects.toThrow(/Sign in/);
  });
});
