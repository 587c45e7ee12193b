// Discussions on models, versions, release requests and alerts. Any signed-in person may call
// these; the services decide per subject who may read and write (server/services/collaboration/comments).
import { commentIdSchema, commentSubjectSchema, createCommentSchema, editCommentSchema, mentionCandidatesSchema, reactToCommentSchema } from '@/lib/validation/comments';
import { mentionCandidates } from '@/server/services/collaboration/comments/mentions';
import { listThread } from '@/server/services/collaboration/comments/thread';
import { createComment, deleteComment, editComment, reactToComment } from '@/server/services/collaboration/comments/write';
import { capabilityProcedure, createRouter } from '../init';

export const commentsRouter = createRouter({
  thread: capabilityProcedure('catalog.read').input(commentSubjectSchema).query(({ ctx, input }) => listThread({ ctx, input })),
  create: capabilityProcedure('comment.write').input(createCommentSchema).mutation(({ ctx, input }) => createComment({ ctx, input })),
  edit: capabilityProcedure('comment.write').input(editCommentSchema).mutation(({ ctx, input }) => editComment({ ctx, input })),
  delete: capabilityProcedure('comment.write').input(commentIdSchema).mutation(({ ctx, input }) => deleteComment({ ctx, input })),
  react: capabilityProcedure('comment.write').input(reactToCommentSchema).mutation(({ ctx, input }) => reactToComment({ ctx, input })),
  mentionCandidates: capabilityProcedure('catalog.read').input(mentionCandidatesSchema).query(({ ctx, input }) => mentionCandidates({ ctx, input })),
});
