// Shapes of the comment queries as the browser receives them.
import type { inferRouterOutputs } from '@trpc/server';
import type { CommentSubjectInput } from '@/lib/validation/comments';
import type { AppRouter } from '@/server/trpc/routers/_app';

type Comments = inferRouterOutputs<AppRouter>['comments'];

type Thread = Comments['thread'];
type ThreadComment = Thread['comments'][number];
export type ThreadReply = ThreadComment['replies'][number];
export type MentionCandidate = Comments['mentionCandidates'][number];
export type { CommentSubjectInput };
