// Shared steps of the release verbs: locking a request, moving it through the state machine with
// a timeline row, and reading the evidence its gates are computed from.
import 'server-only';
import { and, asc, desc, eq, getTableColumns, inArray, ne, sql, type SQLWrapper } from 'drizzle-orm';
import { evaluateGates, type GateEvaluation } from '@/lib/releases/gates';
import type { Role } from '@/lib/roles';
import { can } from '@/lib/permissions';
import { policyFrom } from './policies';
import { canTransition } from '@/lib/releases/state-machine';
import { modelCardCompleteness } from '@/lib/validation/catalog';
import { RELEASE_STATE_LABELS, type Decision, type EffectivePolicy, type ModelReleaseRules, type ReleaseState, type TierPolicy } from '@/lib/validation/releases';
import { contentDigestOf } from '@/server/artifacts/validate-tfjs';
import type { Sql } from 'postgres';
import type { Database, DbOrTx, Tx } from '@/server/db/connect';
import { prepared } from '@/server/db/prepared';
import { alerts, datasets, deployments, evaluations, modelVersions, registeredModels, releaseRequests, releaseTransitions, versionFiles, type ModelVersion, type RegisteredModel, type ReleaseRequest } from '@/server/db/schema';
import { ConflictError, NotFoundError } from '@/server/errors';

export const reference = (r: { number: number }) => `REL-${r.number}`;

// The model without its search vector: an index column, costly to fetch and never needed here.
const { search: _search, ...modelColumns } = getTableColumns(registeredModels);
export type ReleaseModel = Omit<RegisteredModel, 'search'>;

const requestQuery = (db: DbOrTx, requestId: SQLWrapper | string) =>
  db
    .select({ request: releaseRequests, model: modelColumns, version: modelVersions })
    .from(releaseRequests)
    .innerJoin(registeredModels, eq(registeredModels.id, releaseRequests.modelId))
    .innerJoin(modelVersions, eq(modelVersions.id, releaseRequests.versionId))
    .where(eq(releaseRequests.id, requestId));

export async function findRequest(db: DbOrTx, requestId: string, options: { lock?: boolean } = {}) {
  const ready = options.lock ? null : prepared(db, 'releases.findRequest', (pool) => requestQuery(pool, sql.placeholder('requestId')).prepare('releases_find_request'));
  const [row] = ready
    ? await ready.execute({ requestId })
    : options.lock
      ? await requestQuery(db, requestId).for('update', { of: releaseRequests })
      : await requestQuery(db, requestId);
  if (!row) throw new NotFoundError('This release request does not exist.');
  return row;
}

/** Moves a request to `to`, or refuses with CONFLICT naming the states. Records the move in the timeline. */
export async function transition(
  tx: Tx,
  request: ReleaseRequest,
  to: ReleaseState,
  actor: { id: string | null; name: string },
  note: string | null = null,
  extra: Partial<typeof releaseRequests.$inferInsert> = {},
): Promise<ReleaseRequest> {
  if (!canTransition(request.state, to)) {
    throw new ConflictError(
      `${reference(request)} is ${RELEASE_STATE_LABELS[request.state].toLowerCase()}; it cannot become ${RELEASE_STATE_LABELS[to].toLowerCase()}.`,
      { from: request.state, to },
    );
  }
  const [updated] = await tx
    .update(releaseRequests)
    .set({ ...extra, state: to, updatedAt: new Date() })
    .where(and(eq(releaseRequests.id, request.id), eq(releaseRequests.state, request.state)))
    .returning();
  if (!updated) throw new ConflictError(`${reference(request)} changed while you were acting on it; reload and try again.`);
  await tx.insert(releaseTransitions).values({ requestId: request.id, fromState: request.state, toState: to, actorId: actor.id, actorName: actor.name, note });
  return updated;
}

/** What the gates read: the version's card, its saved evaluations (newest first) and its reference dataset. */
export async function versionEvidence(db: DbOrTx, version: ModelVersion) {
  const [evals, [dataset]] = await Promise.all([
    db.select().from(evaluations).where(eq(evaluations.versionId, version.id)).orderBy(desc(evaluations.createdAt)),
    version.referenceDatasetId ? db.select().from(datasets).where(eq(datasets.id, version.referenceDatasetId)) : Promise.resolve([]),
  ]);
  return { evaluations: evals, referenceDataset: dataset ? { id: dataset.id, name: dataset.name, sha256: dataset.sha256, rowCount: dataset.rowCount } : null, card: modelCardCompleteness(version.modelCard) };
}

/** Open critical drift alerts on the version, from monitoring. */
async function driftAlertsOn(db: DbOrTx, version: Pick<ModelVersion, 'id' | 'modelId'>) {
  const [open, [monitored]] = await Promise.all([
    db
      .select({ number: alerts.number, title: alerts.title })
      .from(alerts)
      .where(and(eq(alerts.versionId, version.id), eq(alerts.severity, 'critical'), inArray(alerts.kind, ['feature_drift', 'dataset_drift']), ne(alerts.state, 'resolved')))
      .orderBy(asc(alerts.number)),
    db.select({ n: sql<number>`count(*)::int` }).from(deployments).where(eq(deployments.modelId, version.modelId)),
  ]);
  return { deployments: monitored?.n ?? 0, alerts: open.map((a) => ({ reference: `ALR-${a.number}`, title: a.title })) };
}

export async function gatesFor(db: DbOrTx, version: ModelVersion, policy: EffectivePolicy) {
  const [evidence, driftAlerts] = await Promise.all([versionEvidence(db, version), driftAlertsOn(db, version)]);
  return { gates: evaluateGates({ policy, contentDigest: version.contentDigest, card: evidence.card, referenceDataset: evidence.referenceDataset, evaluations: evidence.evaluations, driftAlerts }), evidence };
}

/**
 * The version as signed must be the version submitted: its recorded digest, and the digest
 * recomputed from its file rows, both equal the digest snapshotted at submission.
 */
export async function digestProblem(db: DbOrTx, request: ReleaseRequest, version: ModelVersion): Promise<string | null> {
  const files = await db.select({ name: versionFiles.name, sha256: versionFiles.sha256 }).from(versionFiles).where(eq(versionFiles.versionId, version.id)).orderBy(asc(versionFiles.name));
  return digestProblemOf(request, version, files);
}

/** The same check on file rows already read (signingEvidence reads them with the rest). */
export function digestProblemOf(request: ReleaseRequest, version: ModelVersion, files: { name: string; sha256: string }[]): string | null {
  const submitted = request.snapshot?.contentDigest;
  if (!submitted) return 'The request has no submitted snapshot.';
  const recomputed = contentDigestOf(files);
  if (version.contentDigest !== submitted || recomputed !== submitted) {
    return `Version ${version.version} changed after it was submitted: its content digest is ${recomputed.slice(0, 12)}…, the request was submitted with ${submitted.slice(0, 12)}…. It cannot be approved; withdraw the request and submit again.`;
  }
  return null;
}

/**
 * What a signature is checked against, in one statement: the version's file digests, its saved
 * evaluations (the fields the gates read, newest first), its reference dataset, its open critical
 * drift alerts and whether the model is monitored at all. The request page reads the same through
 * versionEvidence/driftAlertsOn; a signature reads it on every call, so one round trip.
 */
export async function signingEvidence(db: Database, version: ModelVersion, also: { model: Pick<ReleaseModel, 'id' | 'riskTier'>; requesterId: string }) {
  const client = db.$client as Sql;
  const [row] = await client<
    {
      files: { name: string; sha256: string }[];
      evaluations: GateEvaluation[];
      dataset: { name: string; sha256: string } | null;
      alerts: { number: number; title: string }[];
      deployments: number;
      tier_policy: TierPolicy | null;
      model_rules: ModelReleaseRules | null;
      requester: { id: string; name: string; roles: Role[]; disabled: boolean } | null;
    }[]
  >`
    select
      (select coalesce(json_agg(json_build_object('name', f.name, 'sha256', f.sha256) order by f.name), '[]') from version_files f where f.version_id = ${version.id}) as files,
      (select coalesce(json_agg(json_build_object('id', e.id, 'contentDigest', e.content_digest, 'datasetSource', e.dataset_source, 'datasetName', e.dataset_name, 'datasetSha256', e.dataset_sha256,
                                                  'verified', e.verified, 'metrics', e.metrics, 'createdAt', e.created_at, 'createdByName', e.created_by_name) order by e.created_at desc), '[]')
         from evaluations e where e.version_id = ${version.id}) as evaluations,
      (select json_build_object('name', d.name, 'sha256', d.sha256) from datasets d where d.id = ${version.referenceDatasetId}) as dataset,
      (select coalesce(json_agg(json_build_object('number', a.number, 'title', a.title) order by a.number), '[]')
         from alerts a where a.version_id = ${version.id} and a.severity = 'critical' and a.kind in ('feature_drift', 'dataset_drift') and a.state <> 'resolved') as alerts,
      (select count(*)::int from deployments m where m.model_id = ${version.modelId}) as deployments,
      (select p.policy from release_policies p where p.risk_tier = ${also.model.riskTier}) as tier_policy,
      (select r.rules from model_release_rules r where r.model_id = ${also.model.id}) as model_rules,
      (select json_build_object('id', u.id, 'name', u.name, 'roles', u.roles, 'disabled', u.disabled) from users u where u.id = ${also.requesterId}) as requester`;
  if (!row) throw new Error('signing evidence: no row');
  return {
    files: row.files,
    evaluations: row.evaluations,
    referenceDataset: row.dataset,
    card: modelCardCompleteness(version.modelCard),
    driftAlerts: { deployments: row.deployments, alerts: row.alerts.map((a) => ({ reference: `ALR-${a.number}`, title: a.title })) },
    policy: policyFrom(also.model.riskTier, row.tier_policy, row.model_rules),
    /** The requester, if active and allowed to read release requests (as requesterToTell decides). */
    requester: row.requester && !row.requester.disabled && can(row.requester, 'release.read') ? { id: row.requester.id, name: row.requester.name, roles: row.requester.roles } : null,
  };
}

/** The statement a signer signs, shown to them and stored with the signature. */
export function meaningOf(decision: Decision, request: Pick<ReleaseRequest, 'kind' | 'version' | 'alias'>, modelName: string): string {
  const what =
    request.kind === 'rollback_review'
      ? `the rollback of ${modelName} ${request.alias} to v${request.version}`
      : request.kind === 're_review'
        ? `continued release of ${modelName} v${request.version} on ${request.alias}`
        : `release of ${modelName} v${request.version} to ${request.alias}`;
  switch (decision) {
    case 'approve':
      return `I approve ${what}`;
    case 'reject':
      return `I reject ${what}`;
    case 'request_changes':
      return `I request changes before ${what}`;
  }
}
