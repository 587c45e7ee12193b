// The one check every verb that changes a model version calls before it writes: while a release
// request for the version is pending or approved, the version is what its signers sign for, so it
// cannot change (a signature must never count for content its signer did not see). The database
// refuses the same (migration 0019); this check runs first so the refusal names the request.
import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/server/db/connect';
import { releaseRequests, type ModelVersion } from '@/server/db/schema';
import { ConflictError } from '@/server/errors';

/** Request states in which a version is frozen. */
const REVIEW_STATES = ['pending', 'approved'] as const;

/** The same JSON whatever the key order (jsonb hands keys back in its own order). */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const FIELD_WORDS: Partial<Record<keyof ModelVersion, string>> = {
  description: 'description',
  inputSchema: 'input schema',
  outputSchema: 'output schema (target and class labels)',
  preprocessing: 'preprocessing spec',
  preprocessingDerived: 'preprocessing spec (marked reviewed)',
  metrics: 'training metrics',
  lineage: 'lineage',
  modelCard: 'model card',
  referenceDatasetId: 'reference dataset',
};

/**
 * Refuses (CONFLICT) a change to `version` while it is under review. `next` holds the fields the
 * verb is about to write; fields equal to the stored ones are no change. Call with the version row
 * locked (findVersion with lock), so a submission cannot slip in between this check and the write.
 */
export async function requireNotUnderReview(tx: Tx, version: ModelVersion, next: Partial<ModelVersion>) {
  const changed = (Object.keys(next) as (keyof ModelVersion)[]).filter((k) => next[k] !== undefined && canonical(next[k]) !== canonical(version[k]));
  if (changed.length === 0) return;
  const [open] = await tx
    .select({ number: releaseRequests.number, state: releaseRequests.state, alias: releaseRequests.alias })
    .from(releaseRequests)
    .where(and(eq(releaseRequests.versionId, version.id), inArray(releaseRequests.state, [...REVIEW_STATES])))
    .limit(1);
  if (!open) return;
  const what = changed.map((k) => FIELD_WORDS[k] ?? k).join(', ');
  throw new ConflictError(
    `v${version.version} is under review for release to ${open.alias} in REL-${open.number} (${open.state}), so its ${what} cannot change: signatures count for the version as it was submitted. Withdraw REL-${open.number}, make the change, and submit again.`,
    { rule: 'version_under_review', request: `REL-${open.number}`, fields: changed },
  );
}
