// Discussions on models, versions, release requests and alerts. Any signed-in person may call
// these; the services decide per subject who may read and write (server/services/collaboration/comments).
import { commentIdSchema, commentSubjectSchema, createCommentSchema, editCommentSchema, mentionCandidatesSchema, reactToCommentSchema } from '@/lib/validation/comments';
import { mentionCandidates } from '@/server/services/collaboration/comments/mentions';
import { listThread } from '@/server/services/collaboration/comments/thread';
import { createComment, deleteComment, editComment, reactToComment } from '@/server/services/collaboration/comments/write';
import { createRouter, protectedProcedure } from '../init';

export const commentsRouter = createRouter({
  thread: protectedProcedure.input(commentSubjectSchema).query(({ ctx, input }) => listThread({ ctx, input })),
  create: protectedProcedure.input(createCommentSchema).mutation(({ ctx, input }) => createComment({ ctx, input })),
  edit: protectedProcedure.input(editCommentSchema).mutation(({ ctx, input }) => editComment({ ctx, input })),
  delete: protectedProcedure.input(commentIdSchema).mutation(({ ctx, input }) => deleteComment({ ctx, input })),
  react: protectedProcedure.input(reactToCommentSchema).mutation(({ ctx, input }) => reactToComment({ ctx, input })),
  mentionCandidates: protectedProcedure.input(mentionCandidatesSchema).query(({ ctx, input }) => mentionCandidates({ ctx, input })),
});
