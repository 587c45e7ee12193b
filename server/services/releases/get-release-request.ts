// One release request as its page shows it: the request and its snapshot, the policy it is judged by, gates
// and quorum, what replaced what, the timeline of transitions, signatures and comments, and what
// the viewer may do now.
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { blockingGates } from '@/lib/releases/gates';
import { tighteningsSince } from '@/lib/releases/policy';
import { ROLE_LABELS } from '@/lib/roles';
import { DECISIONS, requestIdSchema, type Decision } from '@/lib/validation/releases';
import { aliases, modelVersions, releaseComments, releaseDecisions, releaseRequests, releaseTransitions, users } from '@/server/db/schema';
import { can } from '@/lib/permissions';
import { requireCapability } from '../authorize';
import type { VerbArgs } from '../context';
import { parseInput } from '../validate';
import { judgedPolicy, loadEffectivePolicy } from './policies';
import { digestProblem, findRequest, gatesFor, meaningOf, reference } from './request-state';
import { quorumOf, signingRefusal } from './sign-decision';

export async function getReleaseRequest({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.read');
  const { requestId } = parseInput(requestIdSchema, input);
  const { request, model, version } = await findRequest(ctx.db, requestId);
  const current = await loadEffectivePolicy(ctx.db, model);
  const policy = judgedPolicy(request, current);
  const submittedPolicy = request.snapshot?.policy ?? null;
  const [{ gates, evidence }, decisions, transitions, comments, [holder], [me], followUp, problem] = await Promise.all([
    gatesFor(ctx.db, version, policy),
    ctx.db.select().from(releaseDecisions).where(eq(releaseDecisions.requestId, request.id)).orderBy(asc(releaseDecisions.signedAt)),
    ctx.db.select().from(releaseTransitions).where(eq(releaseTransitions.requestId, request.id)).orderBy(asc(releaseTransitions.at)),
    ctx.db.select().from(releaseComments).where(eq(releaseComments.requestId, request.id)).orderBy(asc(releaseComments.createdAt)),
    ctx.db
      .select({ version: modelVersions.version, contentDigest: modelVersions.contentDigest })
      .from(aliases)
      .innerJoin(modelVersions, eq(modelVersions.id, aliases.versionId))
      .where(and(eq(aliases.modelId, model.id), eq(aliases.name, request.alias))),
    ctx.db.select({ hasPassword: users.passwordHash }).from(users).where(eq(users.id, user.id)),
    request.followUpOf ? ctx.db.select({ id: releaseRequests.id, number: releaseRequests.number }).from(releaseRequests).where(eq(releaseRequests.id, request.followUpOf)) : Promise.resolve([]),
    request.snapshot ? digestProblem(ctx.db, request, version) : Promise.resolve(null),
  ]);
  const round = decisions.filter((d) => d.round === request.round);
  const quorum = quorumOf(policy, round);
  const refusal = signingRefusal(user, request, version, policy);
  const alreadySigned = round.some((d) => d.signerId === user.id);
  const mine = request.requestedBy === user.id;
  return {
    request: { ...request, reference: reference(request), followUpOf: followUp[0] ? { id: followUp[0].id, reference: reference(followUp[0]) } : null },
    model: { id: model.id, name: model.name, riskTier: model.riskTier, taskType: model.taskType, ownerTeam: model.ownerTeam },
    version: { id: version.id, version: version.version, contentDigest: version.contentDigest, createdBy: version.createdBy, submittedAt: version.submittedAt, editedAfterSubmission: !!request.submittedAt && version.updatedAt > request.submittedAt },
    currentHolder: holder ?? null,
    referenceDataset: evidence.referenceDataset,
    /** What the request is judged by (judgedPolicy), the policy it was submitted under, and what later tightened it. */
    policy,
    submittedPolicy,
    tightenedSince: submittedPolicy ? tighteningsSince(submittedPolicy, policy, (r) => ROLE_LABELS[r]) : [],
    gates,
    quorum,
    digestProblem: problem,
    decisions,
    transitions,
    comments,
    viewer: {
      canSign: request.state === 'pending' && !refusal && !alreadySigned,
      signRefusal: request.state !== 'pending' ? null : alreadySigned ? 'You have signed this request.' : refusal,
      approvalBlockedBy: [...(problem ? [problem] : []), ...blockingGates(gates).map((g) => `${g.label}: ${g.detail}`)],
      meanings: Object.fromEntries(DECISIONS.map((d) => [d, meaningOf(d, request, model.name)])) as Record<Decision, string>,
      reauth: me?.hasPassword ? ('password' as const) : ('recent_sso' as const),
      canSubmit: mine && (request.state === 'draft' || request.state === 'changes_requested'),
      canWithdraw: mine && ['draft', 'pending', 'changes_requested', 'approved'].includes(request.state),
      canRelease: request.state === 'approved' && (mine || can(user, 'release.publish')),
      canComment: can(user, 'release.comment'),
    },
  };
}
