// The approvals inbox: what waits for my signature, what I asked for, what was decided, and the
// count of what waits for me that the navigation shows live.
import 'server-only';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { wouldCount } from '@/lib/releases/quorum';
import { FINAL_STATES, listReleaseRequestsSchema } from '@/lib/validation/releases';
import type { DbOrTx } from '@/server/db/connect';
import { modelVersions, registeredModels, releaseDecisions, releaseRequests } from '@/server/db/schema';
import { can } from '@/lib/permissions';
import { requireCapability } from '../authorize';
import type { SessionUser, VerbArgs } from '../context';
import { parseInput } from '../validate';
import { judgedPolicy, loadEffectivePolicy } from './policies';
import { OPEN_STATES } from './request-release';
import { reference } from './request-state';
import { signingRefusal } from './sign-decision';

const columns = {
  request: releaseRequests,
  modelName: registeredModels.name,
  riskTier: registeredModels.riskTier,
  versionAuthor: modelVersions.createdBy,
};

async function listRows(db: DbOrTx, where: SQL | undefined, limit: number) {
  const rows = await db
    .select(columns)
    .from(releaseRequests)
    .innerJoin(registeredModels, eq(registeredModels.id, releaseRequests.modelId))
    .innerJoin(modelVersions, eq(modelVersions.id, releaseRequests.versionId))
    .where(where)
    .orderBy(desc(releaseRequests.updatedAt))
    .limit(limit);
  const ids = rows.map((r) => r.request.id);
  const decisions = ids.length
    ? await db
        .select({ requestId: releaseDecisions.requestId, round: releaseDecisions.round, signerId: releaseDecisions.signerId, signerRoles: releaseDecisions.signerRoles, decision: releaseDecisions.decision })
        .from(releaseDecisions)
        .where(inArray(releaseDecisions.requestId, ids))
    : [];
  return rows.map((r) => ({ ...r, decisions: decisions.filter((d) => d.requestId === r.request.id && d.round === r.request.round) }));
}

type Row = Awaited<ReturnType<typeof listRows>>[number];

/** Pending requests this user could sign now and whose quorum still needs one of their roles. */
async function awaiting(db: DbOrTx, user: SessionUser, rows: Row[]) {
  const policies = new Map<string, Awaited<ReturnType<typeof loadEffectivePolicy>>>();
  const result: Row[] = [];
  for (const row of rows) {
    const { request } = row;
    let current = policies.get(request.modelId);
    if (!current) {
      current = await loadEffectivePolicy(db, { id: request.modelId, riskTier: row.riskTier });
      policies.set(request.modelId, current);
    }
    const policy = judgedPolicy(request, current);
    if (signingRefusal(user, request, { createdBy: row.versionAuthor, version: request.version }, policy)) continue;
    if (row.decisions.some((d) => d.signerId === user.id)) continue;
    const approvers = row.decisions.filter((d) => d.decision === 'approve').map((d) => ({ id: d.signerId, roles: d.signerRoles }));
    if (wouldCount(policy.approvals, approvers, { id: user.id, roles: user.roles })) result.push(row);
  }
  return result;
}

function present(row: Row) {
  const { request } = row;
  return {
    id: request.id,
    reference: reference(request),
    kind: request.kind,
    modelId: request.modelId,
    modelName: row.modelName,
    riskTier: row.riskTier,
    version: request.version,
    alias: request.alias,
    state: request.state,
    changeSummary: request.changeSummary,
    requestedBy: request.requestedBy,
    requestedByName: request.requestedByName,
    createdAt: request.createdAt,
    submittedAt: request.submittedAt,
    expiresAt: request.expiresAt,
    decidedAt: request.decidedAt,
    releasedAt: request.releasedAt,
    rolledBackAt: request.rolledBackAt,
    approvals: row.decisions.filter((d) => d.decision === 'approve').length,
  };
}

export async function listReleaseRequests({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.read');
  const { view, modelId, limit } = parseInput(listReleaseRequestsSchema, input);
  const byModel = modelId ? eq(releaseRequests.modelId, modelId) : undefined;
  switch (view) {
    case 'awaiting_me': {
      const pending = await listRows(ctx.db, and(eq(releaseRequests.state, 'pending'), byModel), 500);
      return (await awaiting(ctx.db, user, pending)).slice(0, limit).map(present);
    }
    case 'mine':
      return (await listRows(ctx.db, and(eq(releaseRequests.requestedBy, user.id), byModel), limit)).map(present);
    case 'decided':
      return (await listRows(ctx.db, and(inArray(releaseRequests.state, [...FINAL_STATES]), byModel), limit)).map(present);
    case 'open':
      return (await listRows(ctx.db, and(inArray(releaseRequests.state, OPEN_STATES), byModel), limit)).map(present);
    case 'all':
      return (await listRows(ctx.db, byModel, limit)).map(present);
  }
}

/** The counts in the navigation badge; zero for people who cannot sign anything. */
export async function releaseCounts({ ctx }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.read');
  const signer = can(user, 'release.sign');
  const pending = signer ? await listRows(ctx.db, eq(releaseRequests.state, 'pending'), 500) : [];
  const awaitingMe = signer ? (await awaiting(ctx.db, user, pending)).length : 0;
  const mineOpen = (await listRows(ctx.db, and(eq(releaseRequests.requestedBy, user.id), inArray(releaseRequests.state, OPEN_STATES)), 500)).length;
  return { awaitingMe, mineOpen };
}
