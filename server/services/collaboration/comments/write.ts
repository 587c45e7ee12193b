// Writing in a thread: post (a reply attaches to the top-level comment), edit one's own comment
// within the edit window, delete one's own (the row stays as a "comment deleted" trace) and toggle
// a reaction. Each is audited and refreshes every open page that may show the thread; mentions
// and replies notify their people, in the same transaction.
import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { COMMENT_EDIT_WINDOW_MS, commentIdSchema, createCommentSchema, editCommentSchema, reactToCommentSchema } from '@/lib/validation/comments';
import type { Role } from '@/lib/roles';
import type { DbOrTx } from '@/server/db/connect';
import { commentReactions, comments, users, type Comment } from '@/server/db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { requireCapability } from '../../authorize';
import type { SessionUser, VerbArgs } from '../../context';
import { mutate, type Writer } from '../../mutate';
import { parseInput } from '../../validate';
import { notify, type NotificationInput } from '../notify';
import { resolveMentions, type MentionedPerson } from './mentions';
import { commentsChanged, loadSubject, maySee, requireWriter, type Subject } from './subjects';

const anchor = (subject: Subject, commentId: string) => `${subject.href}#comment-${commentId}`;

/** Of the given people, those still active who may see the subject (roles change). */
async function activeReaders(db: DbOrTx, ids: string[], readers: readonly Role[] | null): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: users.id, roles: users.roles }).from(users).where(and(inArray(users.id, [...new Set(ids)]), eq(users.disabled, false)));
  return rows.filter((r) => maySee(r, readers)).map((r) => r.id);
}

function mentionNotices(user: SessionUser, subject: Subject, comment: Comment, mentioned: MentionedPerson[]): NotificationInput[] {
  return mentioned
    .filter((p) => p.id !== user.id)
    .map((p) => ({
      userId: p.id,
      kind: 'mention' as const,
      title: `${user.name} mentioned you on ${subject.title}`,
      href: anchor(subject, comment.id),
      subjectType: subject.type,
      subjectId: subject.id,
      modelId: subject.modelId,
      actorName: user.name,
    }));
}

/** The caller's own comment, locked, with its subject; refuses others' and deleted ones. */
async function lockOwn(w: Writer, ctx: VerbArgs<unknown>['ctx'], commentId: string, doing: string) {
  const [comment] = await w.tx.select().from(comments).where(eq(comments.id, commentId)).for('update');
  if (!comment) throw new NotFoundError('This comment does not exist.');
  const user = requireWriter(ctx, comment.subjectType);
  const subject = await loadSubject(w.tx, comment);
  if (comment.authorId !== user.id) throw new ForbiddenError(`Only ${comment.authorName}, who wrote this comment, can ${doing} it.`);
  return { user, comment, subject };
}

function auditSubject(subject: Subject) {
  return { subjectType: subject.type, subjectId: subject.id, modelId: subject.modelId };
}

export async function createComment({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'comment.write');
  const { subjectType, subjectId, body, parentId } = parseInput(createCommentSchema, input);
  const user = requireWriter(ctx, subjectType);
  return mutate(ctx, async (w) => {
    const subject = await loadSubject(w.tx, { subjectType, subjectId });
    let parent: Comment | null = null;
    let repliedTo: Comment | null = null;
    if (parentId) {
      const [target] = await w.tx.select().from(comments).where(eq(comments.id, parentId));
      if (!target || target.subjectType !== subject.type || target.subjectId !== subject.id) throw new ValidationError('The comment you are replying to is not in this discussion.');
      repliedTo = target;
      // One level of replies: a reply to a reply joins the same top-level comment.
      parent = target.parentId ? ((await w.tx.select().from(comments).where(eq(comments.id, target.parentId)))[0] ?? null) : target;
      if (!parent) throw new ValidationError('The comment you are replying to is not in this discussion.');
    }
    const mentioned = await resolveMentions(w.tx, subject, body);
    const [comment] = await w.tx
      .insert(comments)
      .values({ subjectType: subject.type, subjectId: subject.id, modelId: subject.modelId, parentId: parent?.id ?? null, authorId: user.id, authorName: user.name, body, mentions: mentioned.map((p) => p.id) })
      .returning();
    if (!comment) throw new Error('insert returned nothing');
    await w.audit({
      action: 'comment.created',
      entityType: 'comment',
      entityId: comment.id,
      after: { ...auditSubject(subject), parentId: comment.parentId, body, mentions: mentioned.map((p) => p.id) },
    });

    const notices = mentionNotices(user, subject, comment, mentioned);
    if (parent && repliedTo) {
      // The authors of the comment replied to and of its thread, unless they wrote the reply or are mentioned in it.
      const told = new Set([user.id, ...mentioned.map((p) => p.id)]);
      const authors = await activeReaders(w.tx, [repliedTo.authorId, parent.authorId].filter((id) => !told.has(id)), subject.readers);
      for (const userId of authors) {
        notices.push({ userId, kind: 'comment_reply', title: `${user.name} replied to your comment on ${subject.title}`, href: anchor(subject, comment.id), subjectType: subject.type, subjectId: subject.id, modelId: subject.modelId, actorName: user.name });
      }
    }
    await notify(w, notices);
    w.publish(commentsChanged(subject));
    return { id: comment.id, parentId: comment.parentId, createdAt: comment.createdAt, mentions: mentioned };
  });
}

export async function editComment({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'comment.write');
  const { commentId, body } = parseInput(editCommentSchema, input);
  return mutate(ctx, async (w) => {
    const { user, comment, subject } = await lockOwn(w, ctx, commentId, 'edit');
    if (comment.deletedAt) throw new ConflictError('This comment was deleted; it can no longer be edited.');
    const closesAt = new Date(comment.createdAt.getTime() + COMMENT_EDIT_WINDOW_MS);
    if (Date.now() >= closesAt.getTime()) {
      throw new ConflictError(`Comments can be edited for ${COMMENT_EDIT_WINDOW_MS / 60_000} minutes after posting; this one's window closed at ${closesAt.toISOString().slice(11, 16)} UTC. Post a new comment instead.`);
    }
    if (body === comment.body) return { id: comment.id, editedAt: comment.editedAt, mentions: [] };
    const mentioned = await resolveMentions(w.tx, subject, body);
    const editedAt = new Date();
    await w.tx
      .update(comments)
      .set({ body, editedAt, mentions: mentioned.map((p) => p.id) })
      .where(eq(comments.id, comment.id));
    await w.audit({
      action: 'comment.edited',
      entityType: 'comment',
      entityId: comment.id,
      before: { body: comment.body, mentions: comment.mentions },
      after: { ...auditSubject(subject), body, mentions: mentioned.map((p) => p.id) },
    });
    // Only people the edit newly mentions are told; the others were told when first mentioned.
    const newly = mentioned.filter((p) => !comment.mentions.includes(p.id));
    await notify(w, mentionNotices(user, subject, comment, newly));
    w.publish(commentsChanged(subject));
    return { id: comment.id, editedAt, mentions: newly };
  });
}

export async function deleteComment({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'comment.write');
  const { commentId } = parseInput(commentIdSchema, input);
  return mutate(ctx, async (w) => {
    const { comment, subject } = await lockOwn(w, ctx, commentId, 'delete');
    if (comment.deletedAt) return { id: comment.id, deletedAt: comment.deletedAt };
    const deletedAt = new Date();
    // The row stays (its replies and reactions hang off it); the thread shows "comment deleted".
    await w.tx.update(comments).set({ body: '', mentions: [], deletedAt }).where(eq(comments.id, comment.id));
    await w.audit({ action: 'comment.deleted', entityType: 'comment', entityId: comment.id, before: { body: comment.body, mentions: comment.mentions }, after: { ...auditSubject(subject), deletedAt } });
    w.publish(commentsChanged(subject));
    return { id: comment.id, deletedAt };
  });
}

/** Adds the caller's reaction, or takes it back if they had already reacted with that emoji. */
export async function reactToComment({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'comment.write');
  const { commentId, emoji } = parseInput(reactToCommentSchema, input);
  return mutate(ctx, async (w) => {
    const [comment] = await w.tx.select().from(comments).where(eq(comments.id, commentId));
    if (!comment) throw new NotFoundError('This comment does not exist.');
    const user = requireWriter(ctx, comment.subjectType);
    const subject = await loadSubject(w.tx, comment);
    if (comment.deletedAt) throw new ConflictError('This comment was deleted; it takes no reactions.');
    const mine = and(eq(commentReactions.commentId, comment.id), eq(commentReactions.userId, user.id), eq(commentReactions.emoji, emoji));
    const removed = await w.tx.delete(commentReactions).where(mine).returning({ emoji: commentReactions.emoji });
    const reacted = removed.length === 0;
    if (reacted) await w.tx.insert(commentReactions).values({ commentId: comment.id, userId: user.id, emoji }).onConflictDoNothing();
    await w.audit({ action: 'comment.reacted', entityType: 'comment', entityId: comment.id, after: { ...auditSubject(subject), emoji, reacted } });
    w.publish(commentsChanged(subject));
    return { id: comment.id, emoji, reacted };
  });
}
