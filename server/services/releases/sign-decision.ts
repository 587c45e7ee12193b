// An electronic signature on a release request: approve, reject or request changes. The signer
// re-authenticates, states a reason and signs a stated meaning; separation of duties, gates,
// quorum and the release itself are all decided here, under the request's row lock, so 20 people
// signing at once are counted exactly and exactly one release happens.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { blockingGates, evaluateGates } from '@/lib/releases/gates';
import { countQuorum, filledSlots, type Signer } from '@/lib/releases/quorum';
import { ROLE_LABELS, type Role } from '@/lib/roles';
import { signDecisionSchema, type Decision, type EffectivePolicy } from '@/lib/validation/releases';
import { reauthenticate, WrongPasswordError } from '@/server/auth/reauthenticate';
import { releaseDecisions, releaseRequests, type ModelVersion, type ReleaseDecision, type ReleaseRequest } from '@/server/db/schema';
import { ConflictError, ForbiddenError, PreconditionFailedError } from '@/server/errors';
import { requireCapability } from '../authorize';
import type { SessionUser, VerbArgs } from '../context';
import type { Tx } from '@/server/db/connect';
import { mutate } from '../mutate';
import { parseInput } from '../validate';
import { decisionTitle, notifyRequester } from '../collaboration/notifications/release-decisions';
import { RELEASES_CHANGED } from './events';
import { judgedPolicy } from './policies';
import { releaseInTx } from './release';
import { digestProblemOf, findRequest, meaningOf, reference, signingEvidence, transition, type ReleaseModel } from './request-state';

const roleList = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(', ');

/** Who may sign this request at all; the same rules the inbox and the page use. */
export function signingRefusal(user: SessionUser, request: ReleaseRequest, version: Pick<ModelVersion, 'createdBy' | 'version'>, policy: EffectivePolicy): string | null {
  if (request.requestedBy === user.id) return `You asked for ${reference(request)}; the requester cannot sign it.`;
  if (version.createdBy === user.id) return `You created v${version.version} (its artifacts); the author of a version cannot sign its release.`;
  const roles = policy.approvals.map((r) => r.role);
  if (!user.roles.some((r) => roles.includes(r))) return `This release needs signatures from: ${roleList(roles)}; you hold none of these roles.`;
  return null;
}

type GivenSignature = { signerId: string; signerRoles: Role[]; decision: Decision };

/**
 * Locks the request and reads the signatures of its current round, in one statement (migration
 * 0018 says why this is exact: the signatures are read after the lock is granted).
 */
// The request's columns read from the locking function's result (named `locked`), each decoded as
// the table's column is (Drizzle only lets a query select a table's columns from that table itself).
const lockedColumns = Object.fromEntries(
  Object.entries(getTableColumns(releaseRequests)).map(([key, column]) => [key, sql`${sql.identifier('locked')}.${sql.identifier(column.keyAsName ? toSnakeCase(column.name) : column.name)}`.mapWith(column)]),
);

async function lockWithSignatures(tx: Tx, requestId: string): Promise<{ request: ReleaseRequest; signed: GivenSignature[] } | null> {
  const [row] = await tx
    .select({ ...lockedColumns, signed: sql<GivenSignature[]>`modelgate_release_signers(locked.id, locked.round)` })
    .from(sql`modelgate_lock_release_request(${requestId}) as locked`);
  if (!row) return null;
  const { signed, ...request } = row as unknown as ReleaseRequest & { signed: GivenSignature[] };
  return { request, signed };
}

export function quorumOf(policy: EffectivePolicy, decisions: { signerId: string; signerRoles: Role[]; decision: Decision }[]) {
  const signers: Signer[] = decisions.filter((d) => d.decision === 'approve').map((d) => ({ id: d.signerId, roles: d.signerRoles }));
  return countQuorum(policy.approvals, signers);
}

/** Refuses a signature that cannot be given; returns the meaning the signer must have been shown. */
function checkSignable(user: SessionUser, row: { request: ReleaseRequest; model: ReleaseModel; version: ModelVersion }, policy: EffectivePolicy, decision: Decision, meaning: string) {
  const { request, model, version } = row;
  if (request.state !== 'pending') throw new ConflictError(`${reference(request)} is ${request.state.replace('_', ' ')}; only a pending request can be signed.`);
  const refusal = signingRefusal(user, request, version, policy);
  if (refusal) throw new ForbiddenError(refusal);
  const expected = meaningOf(decision, request, model.name);
  if (meaning !== expected) throw new ConflictError(`What you were shown to sign (“${meaning}”) is not what this request now means (“${expected}”). Reload and sign again.`);
  return expected;
}

export async function signDecision({ ctx, input }: VerbArgs<unknown>) {
  const user = requireCapability(ctx, 'release.sign');
  const data = parseInput(signDecisionSchema, input);
  // Every refusal that does not need the request lock comes first, before the password is checked:
  // a refused signer is told why at once, and signers queue on the lock only for the state change.
  // The policy, gates and digest are not protected by that lock anyway.
  const first = await findRequest(ctx.db, data.requestId);
  // The reads behind those refusals run at once (none has side effects); they are judged in order.
  // One statement (signingEvidence) reads everything the refusals below are judged on.
  const evidence = await signingEvidence(ctx.db, first.version, { model: first.model, requesterId: first.request.requestedBy });
  // Judged by the policy the request was submitted under, tightened by any later change to the
  // model's tier, rules or tier policy, never loosened (judgedPolicy).
  const policy = judgedPolicy(first.request, evidence.policy);
  // Who is told of the signature, read here rather than under the request's lock (never the signer).
  const requester = evidence.requester && evidence.requester.id !== user.id ? evidence.requester : null;
  const problem = data.decision === 'approve' ? digestProblemOf(first.request, first.version, evidence.files) : null;
  const gates = evaluateGates({ policy, contentDigest: first.version.contentDigest, card: evidence.card, referenceDataset: evidence.referenceDataset, evaluations: evidence.evaluations, driftAlerts: evidence.driftAlerts });
  checkSignable(user, first, policy, data.decision, data.meaning);
  if (problem) throw new PreconditionFailedError(problem);
  // Every signature records the gates as the signer saw them (the evidence export shows them with
  // it); only an approval is blocked by them.
  if (data.decision === 'approve') {
    const blocking = blockingGates(gates);
    if (blocking.length > 0) throw new PreconditionFailedError(`${reference(first.request)} cannot be approved yet: ${blocking.map((g) => `${g.label} (${g.detail})`).join(' ')}`);
  }

  let auth: Awaited<ReturnType<typeof reauthenticate>>;
  try {
    auth = await reauthenticate(ctx, user, data.password);
  } catch (err) {
    if (err instanceof WrongPasswordError) {
      await mutate(ctx, ({ audit }) =>
        audit({ action: 'signature.failed', entityType: 'release_request', entityId: data.requestId, after: { decision: data.decision, meaning: data.meaning, why: 'wrong password' } }),
      );
    }
    throw err;
  }

  const outcome = await mutate(ctx, async (w) => {
    const locked = await lockWithSignatures(w.tx, data.requestId);
    if (!locked) throw new ConflictError('This release request no longer exists.');
    const { request, signed } = locked;
    const { model, version } = first;
    if (request.state === 'pending' && request.expiresAt && request.expiresAt < new Date()) {
      await transition(w.tx, request, 'expired', { id: null, name: 'Modelgate' }, 'Expired before it was decided.', { decidedAt: new Date() });
      await w.audit({ action: 'release.expired', entityType: 'release_request', entityId: request.id, before: { state: 'pending' }, after: { reference: reference(request), state: 'expired' }, actor: { type: 'system', id: null, name: 'Modelgate', roles: [] } });
      w.publish(RELEASES_CHANGED(request.id));
      return { expired: reference(request) } as const;
    }
    // The policy and gates above were judged on this round's snapshot; a resubmission since then
    // took a new one (and starts a new round), so this signature would be judged on the wrong one.
    if (request.round !== first.request.round) throw new ConflictError(`${reference(request)} was resubmitted while you were signing; reload and sign again.`);
    const expected = checkSignable(user, { request, model, version }, policy, data.decision, data.meaning);
    if (signed.some((s) => s.signerId === user.id)) throw new ConflictError(`You have already signed ${reference(request)}.`);

    // The quorum before and with this approval (counted once each): whether it counts, for which
    // role, and whether it completes the quorum.
    let countedAs: Role | null = null;
    let completes = false;
    if (data.decision === 'approve') {
      const me: Signer = { id: user.id, roles: user.roles };
      const approvers: Signer[] = signed.filter((s) => s.decision === 'approve').map((s) => ({ id: s.signerId, roles: s.signerRoles }));
      const before = countQuorum(policy.approvals, approvers);
      const after = countQuorum(policy.approvals, [...approvers, me]);
      if (filledSlots(after) <= filledSlots(before)) {
        throw new ConflictError(`The approvals your roles can give are complete; ${reference(request)} now waits for: ${before.missing.map((m) => `${m.count} ${ROLE_LABELS[m.role].toLowerCase()}`).join(', ')}.`);
      }
      countedAs = after.slots.find((s) => s.filledBy.includes(user.id))?.role ?? null;
      completes = after.satisfied;
    }

    // The signature row is complete before it is written (its id and time are set here), so the
    // writes of a signature that decides nothing can go out together (below).
    const signature: ReleaseDecision = {
      id: randomUUID(),
      requestId: request.id,
      round: request.round,
      decision: data.decision,
      signerId: user.id,
      signerName: user.name,
      signerEmail: auth.email,
      signerRoles: user.roles,
      countedAs,
      meaning: expected,
      reason: data.reason,
      signedDigest: version.contentDigest,
      authMethod: auth.method,
      signedAt: new Date(),
    };
    const insertSignature = w.tx.insert(releaseDecisions).values(signature);
    await w.audit({
      action: 'decision.signed',
      entityType: 'release_request',
      entityId: request.id,
      after: {
        reference: reference(request),
        signatureId: signature.id,
        decision: signature.decision,
        signerName: signature.signerName,
        signerId: signature.signerId,
        signerRoles: signature.signerRoles,
        countedAs,
        meaning: signature.meaning,
        signedAt: signature.signedAt.toISOString(),
        signedDigest: signature.signedDigest,
        authMethod: signature.authMethod,
        round: signature.round,
        gates: gates.map((g) => ({ key: g.key, label: g.label, required: g.required, status: g.status, detail: g.detail })),
      },
      reason: data.reason,
    });
    w.publish(RELEASES_CHANGED(request.id));

    const decides = data.decision !== 'approve' || completes;
    if (!decides) {
      // An approval that completes nothing changes nothing else: the signature, the requester's
      // notification and the audit row are independent rows, sent at once. Under the request's
      // lock that is one round trip instead of three, and every other signer waits for this lock.
      await Promise.all([insertSignature, notifyRequester(w, request, user, decisionTitle(user.name, data.decision, request, model.name), requester), w.flush()]);
      return { request, signature } as const;
    }
    await insertSignature;

    let current = request;
    if (data.decision === 'reject' || data.decision === 'request_changes') {
      const to = data.decision === 'reject' ? 'rejected' : 'changes_requested';
      current = await transition(w.tx, request, to, user, data.reason, { decidedAt: new Date() });
      await w.audit({ action: to === 'rejected' ? 'release.rejected' : 'release.changes_requested', entityType: 'release_request', entityId: request.id, before: { state: 'pending' }, after: { reference: reference(request), state: to, signatureId: signature.id }, reason: data.reason });
    } else {
      const quorum = quorumOf(policy, [...signed, { signerId: user.id, signerRoles: user.roles, decision: 'approve' }]);
      if (quorum.satisfied) {
        current = await transition(w.tx, request, 'approved', user, null, { decidedAt: new Date() });
        await w.audit({
          action: 'release.approved',
          entityType: 'release_request',
          entityId: request.id,
          before: { state: 'pending' },
          after: { reference: reference(request), state: 'approved', quorum: quorum.slots.map((s) => ({ role: s.role, required: s.required, signers: s.filledBy })) },
        });
        if (policy.releaseOnApproval) current = await releaseInTx(w, user, current, model);
      }
    }
    await notifyRequester(w, request, user, decisionTitle(user.name, data.decision, current, model.name), requester);
    return { request: current, signature } as const;
  });
  if ('expired' in outcome) throw new ConflictError(`${outcome.expired} expired before it was decided; nothing was signed. Ask for a new release.`);
  return outcome;
}
