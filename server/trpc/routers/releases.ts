import { z } from 'zod';
import {
  commentSchema,
  createReleaseRequestSchema,
  listReleaseRequestsSchema,
  requestIdSchema,
  rollbackSchema,
  setModelReleaseRulesSchema,
  setTierPolicySchema,
  signDecisionSchema,
  submitReleaseRequestSchema,
  withdrawReleaseRequestSchema,
} from '@/lib/validation/releases';
import { MODEL_RULE_EDITORS, OPERATORS, POLICY_EDITORS, RELEASE_COMMENTERS, RELEASE_READERS, RELEASE_REQUESTERS } from '@/server/services/releases/access';
import { addReleaseComment } from '@/server/services/releases/comments';
import { getReleaseRequest } from '@/server/services/releases/get-release-request';
import { listReleaseRequests, releaseCounts } from '@/server/services/releases/list-release-requests';
import { getModelReleaseRules, getReleasePolicies, setModelReleaseRules, setTierPolicy } from '@/server/services/releases/policies';
import { releaseApproved } from '@/server/services/releases/release';
import { createReleaseRequest, submitReleaseRequest, withdrawReleaseRequest } from '@/server/services/releases/request-release';
import { requestReReview } from '@/server/services/releases/re-review';
import { rollbackAlias } from '@/server/services/releases/rollback';
import { signDecision } from '@/server/services/releases/sign-decision';
import { createRouter, protectedProcedure, roleProcedure } from '../init';

const readers = roleProcedure(...RELEASE_READERS);

export const releasesRouter = createRouter({
  list: readers.input(listReleaseRequestsSchema).query(({ ctx, input }) => listReleaseRequests({ ctx, input })),
  counts: readers.query(({ ctx }) => releaseCounts({ ctx, input: undefined })),
  get: readers.input(requestIdSchema).query(({ ctx, input }) => getReleaseRequest({ ctx, input })),
  policies: readers.query(({ ctx }) => getReleasePolicies({ ctx, input: undefined })),
  modelRules: readers.input(z.object({ modelId: z.string().uuid() })).query(({ ctx, input }) => getModelReleaseRules({ ctx, input })),
  setTierPolicy: roleProcedure(...POLICY_EDITORS).input(setTierPolicySchema).mutation(({ ctx, input }) => setTierPolicy({ ctx, input })),
  setModelRules: roleProcedure(...MODEL_RULE_EDITORS).input(setModelReleaseRulesSchema).mutation(({ ctx, input }) => setModelReleaseRules({ ctx, input })),
  request: roleProcedure(...RELEASE_REQUESTERS).input(createReleaseRequestSchema).mutation(({ ctx, input }) => createReleaseRequest({ ctx, input })),
  // Only the requester may submit or withdraw; the service checks who that is.
  submit: protectedProcedure.input(submitReleaseRequestSchema).mutation(({ ctx, input }) => submitReleaseRequest({ ctx, input })),
  withdraw: protectedProcedure.input(withdrawReleaseRequestSchema).mutation(({ ctx, input }) => withdrawReleaseRequest({ ctx, input })),
  // Signers are whoever the request's policy names; the service checks roles and separation of duties.
  sign: protectedProcedure.input(signDecisionSchema).mutation(({ ctx, input }) => signDecision({ ctx, input })),
  release: protectedProcedure.input(requestIdSchema).mutation(({ ctx, input }) => releaseApproved({ ctx, input })),
  requestReReview: roleProcedure(...OPERATORS).input(z.object({ alertId: z.string().uuid() })).mutation(({ ctx, input }) => requestReReview({ ctx, input })),
  rollback: roleProcedure(...OPERATORS).input(rollbackSchema).mutation(({ ctx, input }) => rollbackAlias({ ctx, input })),
  comment: roleProcedure(...RELEASE_COMMENTERS).input(commentSchema).mutation(({ ctx, input }) => addReleaseComment({ ctx, input })),
});
