// (a) A release request became pending (submitted, resubmitted, or opened as a rollback review or
// re-review): everyone who could sign it now is told, by the same rules the approvals inbox uses,
// so the requester and the version's author (separation of duties) are never asked.
import 'server-only';
import { wouldCount } from '@/lib/releases/quorum';
import type { EffectivePolicy } from '@/lib/validation/releases';
import type { ModelVersion, ReleaseRequest } from '@/server/db/schema';
import type { Writer } from '../../mutate';
import { rolesWith } from '@/lib/permissions';
import { reference } from '../../releases/request-state';
import { signingRefusal } from '../../releases/sign-decision';
import { notify } from '../notify';
import { activeWithRoles } from './recipients';

export async function notifySigners(
  w: Writer,
  request: ReleaseRequest,
  model: { id: string; name: string },
  version: Pick<ModelVersion, 'createdBy' | 'version'>,
  policy: EffectivePolicy,
  actor: { name: string },
) {
  // A new round has no signatures yet: every role the policy asks for is still needed.
  const candidates = await activeWithRoles(w.tx, [...new Set(policy.approvals.map((r) => r.role))], rolesWith('release.read'));
  const signers = candidates.filter((p) => {
    const person = { ...p, email: '', sessionId: null };
    return !signingRefusal(person, request, version, policy) && wouldCount(policy.approvals, [], person);
  });
  const ref = reference(request);
  const what = request.kind === 'rollback_review' ? 'rollback review' : request.kind === 're_review' ? 're-review' : 'release';
  return notify(
    w,
    signers.map((p) => ({
      userId: p.id,
      kind: 'signature_requested' as const,
      title: `${ref} waits for your signature: ${what} of ${model.name} v${request.version} to ${request.alias}`,
      href: `/approvals/${request.id}`,
      subjectType: 'release',
      subjectId: request.id,
      modelId: model.id,
      actorName: actor.name,
    })),
  );
}
