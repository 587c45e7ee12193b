// Activity feeds from the audit trail: entries in order with their actor, line and links; an
// approver sees no alert entries and a person without roles no release entries; keyset pages by
// seq; the audit link narrows the audit page to that one event; and the live refresh goes only to
// the people who may see the entry.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuditFilters } from '@/lib/audit-filters';
import { alertRules, alerts } from '@/server/db/schema';
import { NotFoundError, UnauthorizedError, ValidationError } from '@/server/errors';
import { createMemoryBus } from '@/server/events/memory-bus';
import { canSee, type DomainEvent } from '@/server/events/types';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { listAuditEvents } from '../../audit/list-audit-events';
import { createVersion } from '../../catalog/create-version';
import { registerModel } from '../../catalog/register-model';
import { updateModel } from '../../catalog/update-model';
import type { SessionUser } from '../../context';
import { createDeployment } from '../../monitoring/deployments';
import { acknowledgeAlert, resolveAlert } from '../../monitoring/alerts/workflow';
import { getReleaseRequest } from '../../releases/get-release-request';
import { createReleaseRequest } from '../../releases/request-release';
import { signDecision } from '../../releases/sign-decision';
import { createComment } from '../comments/write';
import { globalFeed, modelFeed, type ActivityPage } from './feed';

const PASSWORD = 'activity-test-password';
let t: TestDatabase;
let scientist: SessionUser;
let approver: SessionUser;
let ops: SessionUser;
let auditor: SessionUser;
let nobody: SessionUser;
let modelId: string;
let otherModelId: string;
let requestId: string;
let requestRef: string;
let alertId: string;
let alertRef: string;
const bus = createMemoryBus();
const published: DomainEvent[] = [];
bus.subscribe((e) => published.push(e));

const as = (user: SessionUser | null) => contextFor(t.db, user, bus);
const outputSchema = { target: 'y', classLabels: ['no', 'yes'], positiveClass: 'yes' };
const inputSchema = { features: [{ name: 'x', type: 'numeric' as const, allowMissing: true }] };
const summaries = (p: ActivityPage) => p.items.map((e) => e.summary);

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist'], { name: 'Sam Scientist' });
  approver = await createUserWithSession(t.db, ['approver'], { name: 'Ada Approver', password: PASSWORD });
  ops = await createUserWithSession(t.db, ['ops'], { name: 'Olga Ops' });
  auditor = await createUserWithSession(t.db, ['auditor'], { name: 'Aubrey Auditor' });
  nobody = await createUserWithSession(t.db, [], { name: 'Nico Nobody' });

  const model = await registerModel({ ctx: as(scientist), input: { name: 'Activity Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  modelId = model.id;
  otherModelId = (await registerModel({ ctx: as(scientist), input: { name: 'Quiet Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } })).id;
  const v1 = await createVersion({ ctx: as(scientist), input: { modelId, files: tfjsModelFiles({ inputs: 1 }).files, metadata: { inputSchema, outputSchema } } });
  await createVersion({ ctx: as(scientist), input: { modelId, files: tfjsModelFiles({ inputs: 2 }).files, metadata: { inputSchema, outputSchema } } });
  await createVersion({ ctx: as(scientist), input: { modelId: otherModelId, files: tfjsModelFiles({ inputs: 1 }).files, metadata: { inputSchema, outputSchema } } });

  const request = await createReleaseRequest({ ctx: as(scientist), input: { modelId, version: 1, alias: 'production', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } });
  requestId = request.id;
  requestRef = `REL-${request.number}`;
  const view = await getReleaseRequest({ ctx: as(approver), input: { requestId } });
  await signDecision({ ctx: as(approver), input: { requestId, decision: 'approve', reason: 'Evidence is in order.', meaning: view.viewer.meanings.approve, password: PASSWORD } });

  const deploymentId = (await createDeployment({ ctx: as(ops), input: { modelId, environment: 'prod' } })).id;
  const [rule] = await t.db.select().from(alertRules).where(eq(alertRules.deploymentId, deploymentId)).limit(1);
  if (!rule) throw new Error('no default rule');
  const [alert] = await t.db.insert(alerts).values({ ruleId: rule.id, deploymentId, versionId: v1.id, subject: '', kind: rule.kind, severity: 'warning', state: 'open', title: 'Traffic dropped' }).returning();
  if (!alert) throw new Error('no alert');
  alertId = alert.id;
  alertRef = `ALR-${alert.number}`;
  await acknowledgeAlert({ ctx: as(ops), input: { alertId } });
  await createComment({ ctx: as(ops), input: { subjectType: 'alert', subjectId: alertId, body: 'Looking into it.' } });
  await createComment({ ctx: as(approver), input: { subjectType: 'release', subjectId: requestId, body: 'Signed.' } });
  await createComment({ ctx: as(scientist), input: { subjectType: 'version', subjectId: v1.id, body: 'v1 notes' } });
  await updateModel({ ctx: as(scientist), input: { modelId, description: 'Scores things.', riskTier: 'medium' } });
  await resolveAlert({ ctx: as(ops), input: { alertId, note: 'Upstream feed back.' } });
});
afterAll(async () => t.close());

describe('the model feed', () => {
  it('lists what happened to the model newest first, with the actor, a readable line and links', async () => {
    const feed = await modelFeed({ ctx: as(auditor), input: { modelId } });
    expect(feed.model).toEqual({ id: modelId, name: 'Activity Model' });
    const seqs = feed.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // Oldest first, to read as a story.
    expect(summaries(feed).reverse()).toEqual([
      'Sam Scientist registered the model Activity Model',
      'Sam Scientist registered v1',
      'Sam Scientist registered v2',
      `Sam Scientist drafted ${requestRef} (release of v1 to production)`,
      `Sam Scientist asked for ${requestRef} (release of v1 to production)`,
      `Ada Approver approved ${requestRef} (release of v1 to production)`,
      `${requestRef} (release of v1 to production) is approved: its approvals are complete`,
      'Ada Approver pointed production at v1',
      `Ada Approver released ${requestRef}: production now serves v1`,
      `Olga Ops acknowledged ${alertRef} (Traffic dropped)`,
      `Olga Ops commented on ${alertRef}`,
      `Ada Approver commented on ${requestRef}`,
      'Sam Scientist commented on v1',
      'Sam Scientist edited the description and risk tier',
      `Olga Ops resolved ${alertRef} (Traffic dropped)`,
    ]);
    const approved = feed.items.find((e) => e.action === 'decision.signed');
    expect(approved).toMatchObject({ kind: 'release', actorName: 'Ada Approver', href: `/approvals/${requestId}`, detail: 'Evidence is in order.', model: { id: modelId, name: 'Activity Model' } });
    expect(feed.items.find((e) => e.action === 'version.created')).toMatchObject({ kind: 'version', href: `/models/${modelId}/versions/2` });
    expect(feed.items.find((e) => e.action === 'alert.resolved')).toMatchObject({ kind: 'alert', href: `/monitoring/alerts/${alertId}`, detail: 'Upstream feed back.' });
    const alertComment = feed.items.find((e) => e.action === 'comment.created' && e.summary.includes(alertRef));
    expect(alertComment?.href).toMatch(new RegExp(`^/monitoring/alerts/${alertId}#comment-[0-9a-f-]{36}$`));
    // Nothing of the other model.
    expect(summaries(feed).some((s) => s.includes('Quiet Model'))).toBe(false);
  });

  it('links each entry to its own audit event for auditors and admins only', async () => {
    const feed = await modelFeed({ ctx: as(auditor), input: { modelId } });
    const entry = feed.items.find((e) => e.action === 'decision.signed');
    expect(entry?.auditHref).toMatch(/^\/audit\?/);
    const filters = parseAuditFilters(new URLSearchParams(entry?.auditHref?.split('?')[1]));
    const found = await listAuditEvents({ ctx: as(auditor), input: filters });
    expect(found.items.map((e) => e.seq)).toEqual([entry?.seq]);
    const forScientist = await modelFeed({ ctx: as(scientist), input: { modelId } });
    expect(forScientist.items.every((e) => e.auditHref === null)).toBe(true);
  });

  it('shows an approver no alert entries, nor comments on alerts', async () => {
    const feed = await modelFeed({ ctx: as(approver), input: { modelId } });
    expect(feed.items.some((e) => e.kind === 'alert')).toBe(false);
    expect(summaries(feed).some((s) => s.includes(alertRef))).toBe(false);
    expect(feed.items.some((e) => e.kind === 'release')).toBe(true);
    expect(summaries(feed)).toContain(`Ada Approver commented on ${requestRef}`);
  });

  it('shows a person who may not read release requests no release entries, nor comments on them', async () => {
    const feed = await modelFeed({ ctx: as(nobody), input: { modelId } });
    expect(feed.items.some((e) => e.kind === 'release' || e.kind === 'alert')).toBe(false);
    expect(summaries(feed).some((s) => s.includes('REL-') || s.includes('ALR-'))).toBe(false);
    expect(summaries(feed)).toEqual(expect.arrayContaining(['Sam Scientist registered v1', 'Ada Approver pointed production at v1', 'Sam Scientist commented on v1']));
  });

  it('pages by seq: each page continues below the last, and together they are the whole feed', async () => {
    const whole = await modelFeed({ ctx: as(auditor), input: { modelId, limit: 100 } });
    expect(whole.nextCursor).toBeNull();
    const paged: number[] = [];
    let cursor: number | undefined;
    let pages = 0;
    do {
      const page = await modelFeed({ ctx: as(auditor), input: { modelId, limit: 4, cursor } });
      expect(page.items.length).toBeLessThanOrEqual(4);
      paged.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(Math.ceil(whole.items.length / 4));
    expect(paged).toEqual(whole.items.map((e) => e.seq));
  });

  it('finds a model by name, and refuses an unknown model, bad input and anonymous callers', async () => {
    expect((await modelFeed({ ctx: as(nobody), input: { modelId: 'quiet model' } })).items.map((e) => e.summary)).toEqual(['Sam Scientist registered v1', 'Sam Scientist registered the model Quiet Model']);
    await expect(modelFeed({ ctx: as(nobody), input: { modelId: 'No Such Model' } })).rejects.toThrow(NotFoundError);
    await expect(modelFeed({ ctx: as(nobody), input: { modelId, limit: 0 } })).rejects.toThrow(ValidationError);
    await expect(modelFeed({ ctx: as(null), input: { modelId } })).rejects.toThrow(UnauthorizedError);
  });
});

describe('the global feed', () => {
  it('names the model on every entry and leaves out what the person may not see', async () => {
    const forOps = await globalFeed({ ctx: as(ops), input: { limit: 100 } });
    expect(summaries(forOps)).toEqual(expect.arrayContaining(['Sam Scientist registered v1 of Quiet Model', `Olga Ops resolved ${alertRef} on Activity Model (Traffic dropped)`, 'Sam Scientist edited the description and risk tier of Activity Model']));
    const forApprover = await globalFeed({ ctx: as(approver), input: { limit: 100 } });
    expect(forApprover.items.some((e) => e.kind === 'alert' || e.summary.includes(alertRef))).toBe(false);
    expect(summaries(forApprover)).toContain(`Ada Approver approved ${requestRef} (release of Activity Model v1 to production)`);
    const forNobody = await globalFeed({ ctx: as(nobody), input: { limit: 100 } });
    expect(forNobody.items.some((e) => /REL-|ALR-/.test(e.summary))).toBe(false);
    expect(forNobody.items.length).toBeGreaterThan(5);
    // Sign-ins, user changes and the like are not activity.
    expect(forOps.items.every((e) => !e.action.startsWith('auth.') && !e.action.startsWith('user.') && e.action !== 'deployment.created')).toBe(true);
  });

  it('pages by seq without gaps or repeats, even when a page holds entries the person may not see', async () => {
    const whole = await globalFeed({ ctx: as(approver), input: { limit: 100 } });
    const paged: number[] = [];
    let cursor: number | undefined;
    for (let i = 0; i < 30; i++) {
      const page = await globalFeed({ ctx: as(approver), input: { limit: 3, cursor } });
      paged.push(...page.items.map((e) => e.seq));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(whole.items.map((e) => e.seq));
  });
});

describe('live refresh', () => {
  it('tells the people who may see a new entry, and nobody else, that the feeds changed', async () => {
    published.length = 0;
    await acknowledgeAlert({ ctx: as(ops), input: { alertId } }).catch(() => undefined); // resolved: refused, nothing published
    expect(published.filter((e) => e.type === 'activity.appended')).toEqual([]);
    await createComment({ ctx: as(ops), input: { subjectType: 'alert', subjectId: alertId, body: 'Post-mortem written.' } });
    const [event] = published.filter((e) => e.type === 'activity.appended');
    expect(event?.topics).toEqual(['activity']);
    if (!event) throw new Error('no activity event');
    expect(canSee(event, ops)).toBe(true);
    expect(canSee(event, auditor)).toBe(true);
    expect(canSee(event, approver)).toBe(false);
    expect(canSee(event, nobody)).toBe(false);
    published.length = 0;
    await updateModel({ ctx: as(scientist), input: { modelId, description: 'Scores more things.' } });
    expect(published.filter((e) => e.type === 'activity.appended').map((e) => e.audience)).toEqual(['all']);
  });
});
