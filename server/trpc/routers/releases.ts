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
import { addReleaseComment } from '@/server/services/releases/comments';
import { getReleaseRequest } from '@/server/services/releases/get-release-request';
import { listReleaseRequests, releaseCounts } from '@/server/services/releases/list-release-requests';
import { getModelReleaseRules, getReleasePolicies, setModelReleaseRules, setTierPolicy } from '@/server/services/releases/policies';
import { releaseApproved } from '@/server/services/releases/release';
import { createReleaseRequest, submitReleaseRequest, withdrawReleaseRequest } from '@/server/services/releases/request-release';
import { requestReReview } from '@/server/services/releases/re-review';
import { rollbackAlias } from '@/server/services/releases/rollback';
import { signDecision } from '@/server/services/releases/sign-decision';
import { capabilityProcedure, createRouter } from '../init';

const readers = capabilityProcedure('release.read');
const requesters = capabilityProcedure('release.request');

export const releasesRouter = createRouter({
  list: readers.input(listReleaseRequestsSchema).query(({ ctx, input }) => listReleaseRequests({ ctx, input })),
  counts: readers.query(({ ctx }) => releaseCounts({ ctx, input: undefined })),
  get: readers.input(requestIdSchema).query(({ ctx, input }) => getReleaseRequest({ ctx, input })),
  policies: readers.query(({ ctx }) => getReleasePolicies({ ctx, input: undefined })),
  modelRules: readers.input(z.object({ modelId: z.string().uuid() })).query(({ ctx, input }) => getModelReleaseRules({ ctx, input })),
  setTierPolicy: capabilityProcedure('policy.edit').input(setTierPolicySchema).mutation(({ ctx, input }) => setTierPolicy({ ctx, input })),
  setModelRules: capabilityProcedure('model_rules.edit').input(setModelReleaseRulesSchema).mutation(({ ctx, input }) => setModelReleaseRules({ ctx, input })),
  request: requesters.input(createReleaseRequestSchema).mutation(({ ctx, input }) => createReleaseRequest({ ctx, input })),
  // Only the requester may submit or withdraw; the service checks who that is.
  submit: requesters.input(submitReleaseRequestSchema).mutation(({ ctx, input }) => submitReleaseRequest({ ctx, input })),
  withdraw: requesters.input(withdrawReleaseRequestSchema).mutation(({ ctx, input }) => withdrawReleaseRequest({ ctx, input })),
  // The request's policy says which roles count; the service checks them and separation of duties.
  sign: capabilityProcedure('release.sign').input(signDecisionSchema).mutation(({ ctx, input }) => signDecision({ ctx, input })),
  release: capabilityProcedure('release.publish', 'release.request').input(requestIdSchema).mutation(({ ctx, input }) => releaseApproved({ ctx, input })),
  requestReReview: capabilityProcedure('release.re_review').input(z.object({ alertId: z.string().uuid() })).mutation(({ ctx, input }) => requestReReview({ ctx, input })),
  rollback: capabilityProcedure('release.rollback').input(rollbackSchema).mutation(({ ctx, input }) => rollbackAlias({ ctx, input })),
  comment: capabilityProcedure('release.comment').input(commentSchema).mutation(({ ctx, input }) => addReleaseComment({ ctx, input })),
});
