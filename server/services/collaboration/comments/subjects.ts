// What a comment thread hangs off, and who may read and write it. The subject's model, page and
// readers are always resolved here, on the server, from the subject's own rows: a version's model,
// a release request's model, an alert's deployment's model.
import 'server-only';
import { eq } from 'drizzle-orm';
import { COMMENT_SUBJECT_LABELS, type CommentSubjectInput } from '@/lib/validation/comments';
import type { Role } from '@/lib/roles';
import type { DbOrTx } from '@/server/db/connect';
import { alerts, deployments, modelVersions, registeredModels, releaseRequests } from '@/server/db/schema';
import type { CommentSubject } from '@/lib/validation/comments';
import { ForbiddenError, NotFoundError } from '@/server/errors';
import type { NewDomainEvent } from '@/server/events/types';
import { can, rolesWith } from '@/lib/permissions';
import { requireCapability } from '../../authorize';
import type { ServiceContext, SessionUser } from '../../context';

/** Who may see each kind of subject (from the permission map); null: any signed-in person (the catalog is open to everyone). */
const SUBJECT_READERS: Record<CommentSubject, readonly Role[] | null> = {
  model: null,
  version: null,
  release: rolesWith('release.read'),
  alert: rolesWith('monitoring.read'),
};

export type Subject = {
  type: CommentSubject;
  id: string;
  modelId: string;
  /** "Credit default risk v3", "REL-12 · Credit default risk" */
  title: string;
  /** The page the thread is on; a comment is at `${href}#comment-<id>` (after any query string). */
  href: string;
  readers: readonly Role[] | null;
};

export function maySee(person: { roles: readonly Role[] }, readers: readonly Role[] | null): boolean {
  return readers === null || person.roles.some((r) => readers.includes(r));
}

/** May see the subject and may write comments (so not as an auditor alone). */
export function mayWrite(person: { roles: readonly Role[] }, readers: readonly Role[] | null): boolean {
  return maySee(person, readers) && can(person, 'comment.write');
}

const label = (type: CommentSubject) => COMMENT_SUBJECT_LABELS[type];

/**
 * The caller, if they may read threads of this kind of subject. Checked before the subject is
 * looked up, so someone who may not see alerts cannot learn which alert ids exist.
 */
export function requireReader(ctx: ServiceContext, type: CommentSubject): SessionUser {
  const user = requireCapability(ctx, 'catalog.read');
  if (!maySee(user, SUBJECT_READERS[type])) throw new ForbiddenError(`You cannot see this ${label(type)}, so you cannot read or join its discussion.`);
  return user;
}

/** The caller, if they may also write in threads of this kind of subject. */
export function requireWriter(ctx: ServiceContext, type: CommentSubject): SessionUser {
  const user = requireReader(ctx, type);
  if (!mayWrite(user, SUBJECT_READERS[type])) throw new ForbiddenError(`Your roles (${user.roles.join(', ')}) can read this discussion but not write in it.`);
  return user;
}

export async function loadSubject(db: DbOrTx, { subjectType, subjectId }: CommentSubjectInput): Promise<Subject> {
  const readers = SUBJECT_READERS[subjectType];
  const missing = () => new NotFoundError(`This ${label(subjectType)} does not exist.`);
  switch (subjectType) {
    case 'model': {
      const [m] = await db.select({ id: registeredModels.id, name: registeredModels.name }).from(registeredModels).where(eq(registeredModels.id, subjectId));
      if (!m) throw missing();
      return { type: subjectType, id: m.id, modelId: m.id, title: m.name, href: `/models/${m.id}`, readers };
    }
    case 'version': {
      const [v] = await db
        .select({ id: modelVersions.id, version: modelVersions.version, modelId: registeredModels.id, name: registeredModels.name })
        .from(modelVersions)
        .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
        .where(eq(modelVersions.id, subjectId));
      if (!v) throw missing();
      // The version page shows its discussion in a tab.
      return { type: subjectType, id: v.id, modelId: v.modelId, title: `${v.name} v${v.version}`, href: `/models/${v.modelId}/versions/${v.version}?tab=discussion`, readers };
    }
    case 'release': {
      const [r] = await db
        .select({ id: releaseRequests.id, number: releaseRequests.number, modelId: registeredModels.id, name: registeredModels.name })
        .from(releaseRequests)
        .innerJoin(registeredModels, eq(registeredModels.id, releaseRequests.modelId))
        .where(eq(releaseRequests.id, subjectId));
      if (!r) throw missing();
      return { type: subjectType, id: r.id, modelId: r.modelId, title: `REL-${r.number} · ${r.name}`, href: `/approvals/${r.id}`, readers };
    }
    case 'alert': {
      const [a] = await db
        .select({ id: alerts.id, number: alerts.number, modelId: registeredModels.id, name: registeredModels.name })
        .from(alerts)
        .innerJoin(deployments, eq(deployments.id, alerts.deploymentId))
        .innerJoin(registeredModels, eq(registeredModels.id, deployments.modelId))
        .where(eq(alerts.id, subjectId));
      if (!a) throw missing();
      return { type: subjectType, id: a.id, modelId: a.modelId, title: `ALR-${a.number} · ${a.name}`, href: `/monitoring/alerts/${a.id}`, readers };
    }
  }
}

/** A thread changed: every open page showing a thread refetches, for those who may see the subject. */
export function commentsChanged(subject: Subject): NewDomainEvent {
  return {
    type: 'comments.changed',
    entityId: subject.id,
    topics: ['comments'],
    audience: subject.readers === null ? 'all' : { roles: [...subject.readers], userIds: [] },
  };
}

export const subjectLabel = label;
