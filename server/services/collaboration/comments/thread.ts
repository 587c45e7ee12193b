// A subject's discussion as the widget shows it: top-level comments oldest first, each with its
// replies, reactions counted per emoji (and whether I reacted), and the traces of edits and
// deletions. A deleted comment keeps its place and its replies but shows no body or reactions.
import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { COMMENT_EDIT_WINDOW_MS, COMMENT_EMOJI, commentSubjectSchema, type CommentEmoji } from '@/lib/validation/comments';
import { commentReactions, comments, type Comment } from '@/server/db/schema';
import { requireCapability } from '../../authorize';
import type { VerbArgs } from '../../context';
import { parseInput } from '../../validate';
import { loadSubject, mayWrite, requireReader } from './subjects';

type ThreadReaction = { emoji: CommentEmoji; count: number; mine: boolean };

export async function listThread({ ctx, input }: VerbArgs<unknown>) {
  requireCapability(ctx, 'catalog.read');
  const { subjectType, subjectId } = parseInput(commentSubjectSchema, input);
  const user = requireReader(ctx, subjectType);
  const subject = await loadSubject(ctx.db, { subjectType, subjectId });
  const rows = await ctx.db
    .select()
    .from(comments)
    .where(and(eq(comments.subjectType, subject.type), eq(comments.subjectId, subject.id)))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  const live = rows.filter((c) => !c.deletedAt).map((c) => c.id);
  const counts = live.length
    ? await ctx.db
        .select({
          commentId: commentReactions.commentId,
          emoji: commentReactions.emoji,
          count: sql<number>`count(*)::int`,
          mine: sql<boolean>`bool_or(${commentReactions.userId} = ${user.id})`,
        })
        .from(commentReactions)
        .where(inArray(commentReactions.commentId, live))
        .groupBy(commentReactions.commentId, commentReactions.emoji)
    : [];

  const canWrite = mayWrite(user, subject.readers);
  const view = (c: Comment) => {
    const mine = c.authorId === user.id;
    const deleted = !!c.deletedAt;
    const reactions: ThreadReaction[] = deleted
      ? []
      : COMMENT_EMOJI.flatMap((emoji) => {
          const r = counts.find((x) => x.commentId === c.id && x.emoji === emoji);
          return r ? [{ emoji, count: r.count, mine: r.mine }] : [];
        });
    const editableUntil = new Date(c.createdAt.getTime() + COMMENT_EDIT_WINDOW_MS);
    return {
      id: c.id,
      parentId: c.parentId,
      authorId: c.authorId,
      authorName: c.authorName,
      body: c.body,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      deletedAt: c.deletedAt,
      /** Until when the author may edit it (the widget hides Edit afterwards; the server refuses). */
      editableUntil,
      mine,
      canEdit: canWrite && mine && !deleted && Date.now() < editableUntil.getTime(),
      canDelete: canWrite && mine && !deleted,
      reactions,
    };
  };
  type ThreadComment = ReturnType<typeof view> & { replies: ReturnType<typeof view>[] };
  const top: ThreadComment[] = [];
  const byId = new Map<string, ThreadComment>();
  for (const c of rows) {
    if (c.parentId) continue;
    const item = { ...view(c), replies: [] };
    top.push(item);
    byId.set(c.id, item);
  }
  for (const c of rows) if (c.parentId) byId.get(c.parentId)?.replies.push(view(c));

  return {
    subject: { type: subject.type, id: subject.id, modelId: subject.modelId, title: subject.title },
    viewer: { id: user.id, canWrite },
    count: rows.filter((c) => !c.deletedAt).length,
    comments: top,
  };
}
