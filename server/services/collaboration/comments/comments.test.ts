// Comment threads: who may read and write each kind of subject, mention resolution and refusal,
// reply notifications, the edit window, the deletion trace, reactions, the audit rows, and that a
// body is stored as text and never rendered as HTML or a javascript: link.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Markdown } from '@/components/ui/markdown';
import { safeUrl } from '@/lib/markdown/safe-url';
import { mentionAt, parseMentions } from '@/lib/validation/comments';
import { alertRules, alerts, auditEvents, comments, notifications, users } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { createMemoryBus } from '@/server/events/memory-bus';
import type { DomainEvent } from '@/server/events/types';
import { freshDatabase, type TestDatabase } from '@/server/testing/database';
import { contextFor, createUserWithSession } from '@/server/testing/fixtures';
import { tfjsModelFiles } from '@/server/testing/tfjs-fixture';
import { createVersion } from '../../catalog/create-version';
import { registerModel } from '../../catalog/register-model';
import type { SessionUser } from '../../context';
import { createDeployment } from '../../monitoring/deployments';
import { createReleaseRequest } from '../../releases/request-release';
import { mentionCandidates } from './mentions';
import { listThread } from './thread';
import { createComment, deleteComment, editComment, reactToComment } from './write';

let t: TestDatabase;
let scientist: SessionUser;
let approver: SessionUser;
let ops: SessionUser;
let auditor: SessionUser;
let nobody: SessionUser;
let disabled: SessionUser;
let modelId: string;
let versionId: string;
let releaseId: string;
let alertId: string;
const bus = createMemoryBus();
const published: DomainEvent[] = [];
bus.subscribe((e) => published.push(e));

const as = (user: SessionUser) => contextFor(t.db, user, bus);
const model = () => ({ subjectType: 'model' as const, subjectId: modelId });
const alert = () => ({ subjectType: 'alert' as const, subjectId: alertId });
const release = () => ({ subjectType: 'release' as const, subjectId: releaseId });
const notificationsOf = (userId: string) => t.db.select().from(notifications).where(eq(notifications.userId, userId));
const auditsOf = (commentId: string) => t.db.select().from(auditEvents).where(eq(auditEvents.entityId, commentId));

const inputSchema = { features: [{ name: 'x', type: 'numeric' as const, allowMissing: true }] };

beforeAll(async () => {
  t = await freshDatabase();
  scientist = await createUserWithSession(t.db, ['data_scientist'], { name: 'Sam Scientist', email: 'sam@modelgate.test' });
  approver = await createUserWithSession(t.db, ['approver'], { name: 'Avery Approver', email: 'approver@modelgate.test' });
  ops = await createUserWithSession(t.db, ['ops'], { name: 'Olga Ops', email: 'olga@modelgate.test' });
  auditor = await createUserWithSession(t.db, ['auditor'], { name: 'Aubrey Auditor', email: 'aubrey@modelgate.test' });
  nobody = await createUserWithSession(t.db, [], { name: 'Nico Nobody', email: 'nico@modelgate.test' });
  disabled = await createUserWithSession(t.db, ['ops'], { name: 'Gone Ops', email: 'gone@modelgate.test' });
  await t.db.update(users).set({ disabled: true }).where(eq(users.id, disabled.id));
  await createUserWithSession(t.db, ['ops'], { name: 'Twin One', email: 'twin@one.test' });
  await createUserWithSession(t.db, ['ops'], { name: 'Twin Two', email: 'twin@two.test' });

  const m = await registerModel({ ctx: as(scientist), input: { name: 'Discussed Model', ownerTeam: 'Risk', taskType: 'binary_classification', riskTier: 'low' } });
  modelId = m.id;
  const v = await createVersion({ ctx: as(scientist), input: { modelId, files: tfjsModelFiles({ inputs: 1 }).files, metadata: { inputSchema, outputSchema: { target: 'y', classLabels: ['no', 'yes'], positiveClass: 'yes' } } } });
  versionId = v.id;
  releaseId = (await createReleaseRequest({ ctx: as(scientist), input: { modelId, version: 1, alias: 'staging', changeSummary: 's', expectedImpact: 'i', rollbackPlan: 'r' } })).id;
  const deploymentId = (await createDeployment({ ctx: as(ops), input: { modelId, environment: 'prod' } })).id;
  const [rule] = await t.db.select().from(alertRules).where(eq(alertRules.deploymentId, deploymentId)).limit(1);
  if (!rule) throw new Error('no default rule');
  const [a] = await t.db.insert(alerts).values({ ruleId: rule.id, deploymentId, versionId, subject: '', kind: rule.kind, severity: 'warning', state: 'open', title: 'Something drifted' }).returning();
  if (!a) throw new Error('no alert');
  alertId = a.id;
});
afterAll(async () => t.close());

describe('who may read and write a thread', () => {
  it('lets a person without roles comment on a model, and resolves the model of every kind of subject on the server', async () => {
    const c = await createComment({ ctx: as(nobody), input: { ...model(), body: 'First!' } });
    const thread = await listThread({ ctx: as(nobody), input: model() });
    expect(thread.viewer.canWrite).toBe(true);
    expect(thread.comments.map((x) => x.id)).toContain(c.id);
    expect(thread.subject).toMatchObject({ type: 'model', modelId });

    const onVersion = await createComment({ ctx: as(nobody), input: { subjectType: 'version', subjectId: versionId, body: 'On v1' } });
    const onAlert = await createComment({ ctx: as(ops), input: { ...alert(), body: 'Looking' } });
    const onRelease = await createComment({ ctx: as(approver), input: { ...release(), body: 'Reviewing' } });
    const stored = await t.db.select({ id: comments.id, modelId: comments.modelId }).from(comments).where(inArray(comments.id, [onVersion.id, onAlert.id, onRelease.id]));
    expect(stored.map((s) => s.modelId)).toEqual([modelId, modelId, modelId]);
  });

  it('refuses an approver both reading and writing an alert thread, and someone without roles a release thread', async () => {
    await expect(listThread({ ctx: as(approver), input: alert() })).rejects.toThrow(ForbiddenError);
    await expect(createComment({ ctx: as(approver), input: { ...alert(), body: 'hello' } })).rejects.toThrow(ForbiddenError);
    await expect(listThread({ ctx: as(nobody), input: release() })).rejects.toThrow(ForbiddenError);
    await expect(mentionCandidates({ ctx: as(approver), input: { ...alert(), prefix: '' } })).rejects.toThrow(ForbiddenError);
  });

  it('lets an auditor read every thread but not comment or react', async () => {
    const thread = await listThread({ ctx: as(auditor), input: alert() });
    expect(thread.viewer.canWrite).toBe(false);
    expect(thread.comments.length).toBeGreaterThan(0);
    await expect(createComment({ ctx: as(auditor), input: { ...model(), body: 'note' } })).rejects.toThrow(ForbiddenError);
    const first = thread.comments[0];
    if (!first) throw new Error('empty thread');
    await expect(reactToComment({ ctx: as(auditor), input: { commentId: first.id, emoji: '👍' } })).rejects.toThrow(ForbiddenError);
  });

  it('answers 404 for a subject that does not exist, and a clear 4xx for bad input', async () => {
    await expect(listThread({ ctx: as(ops), input: { subjectType: 'alert', subjectId: '00000000-0000-4000-8000-000000000000' } })).rejects.toThrow(NotFoundError);
    await expect(createComment({ ctx: as(ops), input: { subjectType: 'model', subjectId: '00000000-0000-4000-8000-000000000000', body: 'x' } })).rejects.toThrow(NotFoundError);
    await expect(createComment({ ctx: as(ops), input: { ...model(), body: '   ' } })).rejects.toThrow(ValidationError);
    await expect(createComment({ ctx: as(ops), input: { ...model(), body: 'x'.repeat(10_001) } })).rejects.toThrow(/at most 10,000/);
    await expect(createComment({ ctx: as(ops), input: { ...model(), body: 'x', parentId: '00000000-0000-4000-8000-000000000000' } })).rejects.toThrow(ValidationError);
  });
});

describe('mentions', () => {
  it('finds handles outside code, and not in email addresses written in the text', () => {
    expect(parseMentions('Hi @Approver, see `@ignored` and write to someone@example.com. cc @twin@one.test.')).toEqual(['approver', 'twin@one.test']);
    expect(parseMentions('```\n@decorator\n```\n@olga.')).toEqual(['olga']);
  });

  it('finds the mention being typed at the caret, for autocomplete', () => {
    expect(mentionAt('Hi @ap', 6)).toEqual({ start: 3, query: 'ap' });
    expect(mentionAt('Hi @', 4)).toEqual({ start: 3, query: '' });
    expect(mentionAt('mail a@b', 8)).toBeNull();
    expect(mentionAt('Hi @ap there', 12)).toBeNull();
  });

  it('resolves a mention, stores the person and notifies them with a link to the comment', async () => {
    const c = await createComment({ ctx: as(ops), input: { ...alert(), body: 'Can @sam have a look? (cc @twin@two.test)' } });
    const [row] = await t.db.select().from(comments).where(eq(comments.id, c.id));
    expect(row?.mentions).toHaveLength(2);
    expect(row?.mentions).toContain(scientist.id);
    const [notice] = (await notificationsOf(scientist.id)).filter((n) => n.subjectId === alertId);
    expect(notice).toMatchObject({ kind: 'mention', href: `/monitoring/alerts/${alertId}#comment-${c.id}`, modelId, actorName: 'Olga Ops' });
    expect(published.some((e) => e.type === 'notifications.changed' && e.audience !== 'all' && e.audience.userIds.includes(scientist.id))).toBe(true);
  });

  it('refuses mentioning someone who may not see the subject, naming the handle and why, and stores and tells nothing', async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(comments))[0]?.n;
    const noticesBefore = (await notificationsOf(approver.id)).length;
    await expect(createComment({ ctx: as(ops), input: { ...alert(), body: 'Hey @approver, look' } })).rejects.toThrow(/@approver: Avery Approver cannot see this alert/);
    await expect(createComment({ ctx: as(ops), input: { ...alert(), body: '@gone please' } })).rejects.toThrow(/@gone: .*disabled/);
    await expect(createComment({ ctx: as(ops), input: { ...alert(), body: '@nosuchperson please' } })).rejects.toThrow(/@nosuchperson: nobody has this handle/);
    await expect(createComment({ ctx: as(ops), input: { ...alert(), body: '@twin please' } })).rejects.toThrow(/@twin: 2 people .* full email/);
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(comments))[0]?.n).toBe(before);
    expect((await notificationsOf(approver.id)).length).toBe(noticesBefore);
  });

  it('offers only people who may see the subject, with the handle to write', async () => {
    const onAlert = await mentionCandidates({ ctx: as(ops), input: { ...alert(), prefix: '' } });
    const names = onAlert.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Sam Scientist', 'Aubrey Auditor', 'Twin One']));
    expect(names).not.toContain('Avery Approver');
    expect(names).not.toContain('Gone Ops');
    expect(names).not.toContain('Olga Ops'); // not oneself
    expect(onAlert.find((c) => c.name === 'Twin One')?.handle).toBe('twin@one.test');
    const byPrefix = await mentionCandidates({ ctx: as(ops), input: { ...model(), prefix: 'appr' } });
    expect(byPrefix).toEqual([expect.objectContaining({ name: 'Avery Approver', handle: 'approver' })]);
    expect((await mentionCandidates({ ctx: as(ops), input: { ...model(), prefix: 'scien' } })).map((c) => c.name)).toEqual(['Sam Scientist']);
  });
});

describe('replies, edits, deletions and reactions', () => {
  it('attaches a reply to a reply to the top-level comment and tells the authors replied to, not the replier', async () => {
    const top = await createComment({ ctx: as(scientist), input: { ...model(), body: 'Top' } });
    const reply = await createComment({ ctx: as(approver), input: { ...model(), body: 'Reply', parentId: top.id } });
    const nested = await createComment({ ctx: as(nobody), input: { ...model(), body: 'Reply to the reply', parentId: reply.id } });
    expect(nested.parentId).toBe(top.id);
    const own = await createComment({ ctx: as(scientist), input: { ...model(), body: 'Answering myself', parentId: top.id } });

    const sams = (await notificationsOf(scientist.id)).filter((n) => n.kind === 'comment_reply');
    expect(sams.map((n) => n.href)).toEqual(expect.arrayContaining([`/models/${modelId}#comment-${reply.id}`, `/models/${modelId}#comment-${nested.id}`]));
    expect(sams.some((n) => n.href.endsWith(own.id))).toBe(false);
    expect((await notificationsOf(approver.id)).some((n) => n.kind === 'comment_reply' && n.href.endsWith(nested.id))).toBe(true);

    const thread = await listThread({ ctx: as(ops), input: model() });
    expect(thread.comments.find((c) => c.id === top.id)?.replies.map((r) => r.body)).toEqual(['Reply', 'Reply to the reply', 'Answering myself']);
  });

  it('lets the author edit within 15 minutes (leaving a trace), notifying only newly mentioned people, and refuses afterwards and for others', async () => {
    const c = await createComment({ ctx: as(ops), input: { ...model(), body: 'Draft for @sam' } });
    await expect(editComment({ ctx: as(scientist), input: { commentId: c.id, body: 'hijack' } })).rejects.toThrow(ForbiddenError);
    const samBefore = (await notificationsOf(scientist.id)).length;
    await editComment({ ctx: as(ops), input: { commentId: c.id, body: 'Final for @sam and @approver' } });
    const [row] = await t.db.select().from(comments).where(eq(comments.id, c.id));
    expect(row?.body).toBe('Final for @sam and @approver');
    expect(row?.editedAt).toBeInstanceOf(Date);
    expect(row?.mentions).toEqual(expect.arrayContaining([scientist.id, approver.id]));
    expect((await notificationsOf(scientist.id)).length).toBe(samBefore);
    expect((await notificationsOf(approver.id)).some((n) => n.kind === 'mention' && n.href.endsWith(c.id))).toBe(true);
    const shown = (await listThread({ ctx: as(nobody), input: model() })).comments.find((x) => x.id === c.id);
    expect(shown?.editedAt).toBeInstanceOf(Date);

    await t.db.update(comments).set({ createdAt: sql`now() - interval '16 minutes'` }).where(eq(comments.id, c.id));
    await expect(editComment({ ctx: as(ops), input: { commentId: c.id, body: 'Too late' } })).rejects.toThrow(ConflictError);
    expect((await listThread({ ctx: as(ops), input: model() })).comments.find((x) => x.id === c.id)?.canEdit).toBe(false);
  });

  it('deletes softly: the body is emptied, the row stays as a trace, and it can no longer be edited or reacted to', async () => {
    const c = await createComment({ ctx: as(ops), input: { ...model(), body: 'Regrettable' } });
    const reply = await createComment({ ctx: as(scientist), input: { ...model(), body: 'Indeed', parentId: c.id } });
    await expect(deleteComment({ ctx: as(scientist), input: { commentId: c.id } })).rejects.toThrow(ForbiddenError);
    await deleteComment({ ctx: as(ops), input: { commentId: c.id } });
    const shown = (await listThread({ ctx: as(scientist), input: model() })).comments.find((x) => x.id === c.id);
    expect(shown).toMatchObject({ body: '', canEdit: false, canDelete: false, reactions: [] });
    expect(shown?.deletedAt).toBeInstanceOf(Date);
    expect(shown?.replies.map((r) => r.id)).toEqual([reply.id]);
    await expect(editComment({ ctx: as(ops), input: { commentId: c.id, body: 'Back' } })).rejects.toThrow(ConflictError);
    await expect(reactToComment({ ctx: as(scientist), input: { commentId: c.id, emoji: '👀' } })).rejects.toThrow(ConflictError);
  });

  it('toggles reactions from the closed set, grouped with counts and whether I reacted', async () => {
    const c = await createComment({ ctx: as(ops), input: { ...model(), body: 'Shipping it' } });
    expect((await reactToComment({ ctx: as(scientist), input: { commentId: c.id, emoji: '🚀' } })).reacted).toBe(true);
    await reactToComment({ ctx: as(nobody), input: { commentId: c.id, emoji: '🚀' } });
    await reactToComment({ ctx: as(nobody), input: { commentId: c.id, emoji: '👍' } });
    const reactions = (await listThread({ ctx: as(scientist), input: model() })).comments.find((x) => x.id === c.id)?.reactions;
    expect(reactions).toEqual([
      { emoji: '👍', count: 1, mine: false },
      { emoji: '🚀', count: 2, mine: true },
    ]);
    expect((await reactToComment({ ctx: as(scientist), input: { commentId: c.id, emoji: '🚀' } })).reacted).toBe(false);
    expect((await listThread({ ctx: as(scientist), input: model() })).comments.find((x) => x.id === c.id)?.reactions).toEqual([
      { emoji: '👍', count: 1, mine: false },
      { emoji: '🚀', count: 1, mine: false },
    ]);
    await expect(reactToComment({ ctx: as(scientist), input: { commentId: c.id, emoji: '💩' } })).rejects.toThrow(ValidationError);
  });

  it('audits every write and publishes it live to those who may see the subject', async () => {
    const c = await createComment({ ctx: as(ops), input: { ...alert(), body: 'Audited' } });
    await editComment({ ctx: as(ops), input: { commentId: c.id, body: 'Audited, edited' } });
    await reactToComment({ ctx: as(ops), input: { commentId: c.id, emoji: '🎉' } });
    await deleteComment({ ctx: as(ops), input: { commentId: c.id } });
    const rows = await auditsOf(c.id);
    expect(rows.map((r) => r.action).sort()).toEqual(['comment.created', 'comment.deleted', 'comment.edited', 'comment.reacted']);
    expect(rows.find((r) => r.action === 'comment.created')?.after).toMatchObject({ subjectType: 'alert', subjectId: alertId, modelId, body: 'Audited' });
    expect(rows.find((r) => r.action === 'comment.deleted')?.before).toMatchObject({ body: 'Audited, edited' });
    const live = published.filter((e) => e.type === 'comments.changed' && e.entityId === alertId);
    expect(live.length).toBeGreaterThanOrEqual(4);
    expect(live.every((e) => e.topics.includes('comments') && e.audience !== 'all' && !e.audience.roles.includes('approver') && e.audience.roles.includes('ops'))).toBe(true);
  });
});

describe('bodies are text, never HTML or script', () => {
  const evil = 'Hi <script>alert("x")</script> <img src=x onerror=alert(2)> [x](javascript:alert(1)) [y](JaVaScRiPt:alert(3)) [z](java\tscript:alert(4)) [ok](https://example.com) @sam';

  it('stores the body exactly as written', async () => {
    const c = await createComment({ ctx: as(ops), input: { ...model(), body: evil } });
    const [row] = await t.db.select({ body: comments.body }).from(comments).where(eq(comments.id, c.id));
    expect(row?.body).toBe(evil);
    expect((await listThread({ ctx: as(ops), input: model() })).comments.find((x) => x.id === c.id)?.body).toBe(evil);
  });

  it('renders no raw HTML, no script and no javascript: link', () => {
    const html = renderToStaticMarkup(createElement(Markdown, { mentions: true, children: evil }));
    expect(html).not.toMatch(/<script|<img|onerror|javascript:/i);
    expect(html).toContain('<a href="https://example.com"');
    expect(html).toContain('<span>x</span>'); // the neutralised link is shown as its text
    expect(html).toMatch(/<span[^>]*data-mention="sam"[^>]*>@sam<\/span>/);
  });

  it('keeps only relative, http(s) and mailto URLs', () => {
    for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\nscript:alert(1)', '\u0001javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox(1)', 'file:///etc/passwd']) {
      expect(safeUrl(bad), bad).toBe('');
    }
    for (const good of ['https://example.com/a?b=c', 'http://x.test', 'mailto:a@b.test', '/models/1#comment-2', '#comment-3', 'docs/page:1']) {
      expect(safeUrl(good), good).toBe(good);
    }
  });
});

// Notifications and comments only ever name people who may see the subject: checked above per
// verb; here across the whole file, nobody was told about an alert they may not see.
describe('fan-out never leaks', () => {
  it('left no alert notification with anyone who may not see alerts', async () => {
    const rows = await t.db
      .select({ roles: users.roles })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(and(eq(notifications.subjectType, 'alert'), eq(notifications.subjectId, alertId)));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.roles.some((role) => ['ops', 'data_scientist', 'admin', 'auditor'].includes(role)))).toBe(true);
  });
});
