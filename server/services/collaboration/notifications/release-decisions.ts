// (b) Something was decided on my release request: a signature (approve, reject, request changes)
// or its release. Only the requester is told, if still active and allowed to read release
// requests, and never about their own act.
import 'server-only';
import type { Decision } from '@/lib/validation/releases';
import type { ReleaseRequest } from '@/server/db/schema';
import type { Writer } from '../../mutate';
import { rolesWith } from '@/lib/permissions';
import { reference } from '../../releases/request-state';
import { notify } from '../notify';
import { activePeople, type Recipient } from './recipients';
import type { DbOrTx } from '@/server/db/connect';

type Outcome = Pick<ReleaseRequest, 'number' | 'state' | 'version' | 'alias'>;

/** One line for a signature and what it led to, e.g. "Ann approved REL-4: v3 was released to production". */
export function decisionTitle(signer: string, decision: Decision, after: Outcome, modelName: string): string {
  const ref = `${reference(after)} (${modelName} v${after.version} to ${after.alias})`;
  if (decision === 'reject') return `${signer} rejected ${ref}`;
  if (decision === 'request_changes') return `${signer} asked for changes to ${ref}`;
  switch (after.state) {
    case 'released':
      return `${signer} approved ${ref}: v${after.version} was released to ${after.alias}`;
    case 'approved':
      return `${signer} approved ${ref}: it is approved and waits to be released`;
    case 'superseded':
      return `${signer} approved ${ref}, which was superseded: ${after.alias} no longer holds v${after.version}`;
    default:
      return `${signer} approved ${ref}; it waits for more signatures`;
  }
}

/** For a release that waited after approval and was released (or superseded) by someone. */
export function releasedTitle(by: string, after: Outcome, modelName: string): string {
  const ref = `${reference(after)} (${modelName} v${after.version} to ${after.alias})`;
  return after.state === 'released' ? `${by} released ${ref}` : `${ref} was superseded when ${by} tried to release it: ${after.alias} no longer holds v${after.version}`;
}

/** The requester, if they are to be told of `actor`'s act: active, allowed to read release requests, not the actor. */
export async function requesterToTell(db: DbOrTx, request: Pick<ReleaseRequest, 'requestedBy'>, actor: { id: string | null }): Promise<Recipient | null> {
  if (request.requestedBy === actor.id) return null;
  const [requester] = await activePeople(db, [request.requestedBy], rolesWith('release.read'));
  return requester ?? null;
}

/**
 * Tells the requester. `requester` may be looked up beforehand (requesterToTell), outside the
 * caller's locks; without it, it is looked up here.
 */
export async function notifyRequester(w: Writer, request: Pick<ReleaseRequest, 'id' | 'modelId' | 'requestedBy'>, actor: { id: string | null; name: string }, title: string, requester?: Recipient | null) {
  const to = requester === undefined ? await requesterToTell(w.tx, request, actor) : requester;
  if (!to || to.id === actor.id) return 0;
  return notify(w, [
    { userId: to.id, kind: 'decision_on_my_request', title, href: `/approvals/${request.id}`, subjectType: 'release', subjectId: request.id, modelId: request.modelId, actorName: actor.name },
  ]);
}
