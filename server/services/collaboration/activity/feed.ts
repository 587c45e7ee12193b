// Activity feeds, read from the audit trail (the complete, ordered record): one per model and one
// across everything, newest first, paged by seq. Each person sees only entries about what they may
// see: release entries need a release reader's role, alert entries a monitoring reader's, and a
// comment follows its subject.
import 'server-only';
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { globalFeedSchema, modelFeedSchema } from '@/lib/validation/activity';
import type { DbOrTx } from '@/server/db/connect';
import { alerts, auditEvents, comments, deployments, modelVersions, registeredModels, releaseRequests } from '@/server/db/schema';
import { can } from '@/lib/permissions';
import { requireCapability } from '../../authorize';
import { resolveModel } from '../../catalog/get-model';
import type { SessionUser, VerbArgs } from '../../context';
import { parseInput } from '../../validate';
import { COMMENT_CREATED, seesAlerts, seesReleases, visibleActions, visibleCommentSubjects, type Viewer } from './actions';
import { commentIdOf, describe, type ActivityEntry, type FeedContext, type FeedRow } from './describe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const rowColumns = {
  seq: auditEvents.seq,
  occurredAt: auditEvents.occurredAt,
  actorType: auditEvents.actorType,
  actorName: auditEvents.actorName,
  action: auditEvents.action,
  entityType: auditEvents.entityType,
  entityId: auditEvents.entityId,
  before: auditEvents.before,
  after: auditEvents.after,
  reason: auditEvents.reason,
  changedFields: auditEvents.changedFields,
};

export type ActivityPage = { items: ActivityEntry[]; nextCursor: number | null };

const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/**
 * A comment.created row passes when its comment's subject is one the viewer may see. The comment is
 * the row's entity (or named in `after.commentId`); the CASE keeps the uuid cast to comment rows.
 */
function commentVisible(viewer: Viewer): SQL | undefined {
  const subjects = visibleCommentSubjects(viewer);
  if (subjects.length === 4) return undefined;
  const commentId = sql`case when ${auditEvents.entityType} = 'comment' then ${auditEvents.entityId}::uuid else nullif(${auditEvents.after} ->> 'commentId', '')::uuid end`;
  return sql`(${auditEvents.action} <> ${COMMENT_CREATED} or coalesce(
    (select c.subject_type from comments c where c.id = (${commentId})),
    ${auditEvents.after} ->> 'subjectType'
  ) = any(${textArray(subjects)}))`;
}

/**
 * The (entity type, entity id) pairs that belong to one model and that the viewer may see: the
 * model itself, its versions, its release requests, the alerts of its deployments and the comments
 * on any of them. Each part reads an index on model id; the audit rows are then found through
 * audit_events_entity_type_entity_id_idx, so a quiet model costs as little as a busy one.
 */
function modelSubjects(modelId: string, viewer: Viewer): SQL {
  const parts: SQL[] = [
    sql`select 'registered_model'::text as entity_type, ${modelId}::text as entity_id`,
    sql`select 'model_version', v.id::text from model_versions v where v.model_id = ${modelId}`,
  ];
  if (seesReleases(viewer)) parts.push(sql`select 'release_request', r.id::text from release_requests r where r.model_id = ${modelId}`);
  if (seesAlerts(viewer)) parts.push(sql`select 'alert', a.id::text from deployments d join alerts a on a.deployment_id = d.id where d.model_id = ${modelId}`);
  parts.push(sql`select 'comment', c.id::text from comments c where c.model_id = ${modelId} and c.subject_type = any(${textArray(visibleCommentSubjects(viewer))})`);
  return sql.join(parts, sql` union all `);
}

async function readRows(db: DbOrTx, where: SQL | undefined, limit: number): Promise<FeedRow[]> {
  return db.select(rowColumns).from(auditEvents).where(where).orderBy(desc(auditEvents.seq)).limit(limit + 1);
}

const ids = (values: Iterable<string | null | undefined>) => [...new Set([...values].filter((v): v is string => !!v && UUID.test(v)))];

/** What the rows refer to: one query per kind, whatever the page size. */
async function loadContext(db: DbOrTx, rows: FeedRow[]): Promise<FeedContext> {
  const byType = (type: string) => rows.filter((r) => r.entityType === type).map((r) => r.entityId);
  const commentIds = ids(rows.filter((r) => r.action === COMMENT_CREATED).map(commentIdOf));
  const commentRows = commentIds.length
    ? await db
        .select({ id: comments.id, modelId: comments.modelId, subjectType: comments.subjectType, subjectId: comments.subjectId, parentId: comments.parentId })
        .from(comments)
        .where(inArray(comments.id, commentIds))
    : [];
  const subjectsOf = (type: string) => commentRows.filter((c) => c.subjectType === type).map((c) => c.subjectId);
  const versionIds = ids([...byType('model_version'), ...subjectsOf('version')]);
  const releaseIds = ids([...byType('release_request'), ...subjectsOf('release')]);
  const alertIds = ids([...byType('alert'), ...subjectsOf('alert')]);
  const [versionRows, releaseRows, alertRows] = await Promise.all([
    versionIds.length
      ? db.select({ id: modelVersions.id, modelId: modelVersions.modelId, version: modelVersions.version }).from(modelVersions).where(inArray(modelVersions.id, versionIds))
      : [],
    releaseIds.length
      ? db
          .select({ id: releaseRequests.id, modelId: releaseRequests.modelId, number: releaseRequests.number, kind: releaseRequests.kind, version: releaseRequests.version, alias: releaseRequests.alias })
          .from(releaseRequests)
          .where(inArray(releaseRequests.id, releaseIds))
      : [],
    alertIds.length
      ? db
          .select({ id: alerts.id, modelId: deployments.modelId, number: alerts.number, title: alerts.title })
          .from(alerts)
          .innerJoin(deployments, eq(deployments.id, alerts.deploymentId))
          .where(inArray(alerts.id, alertIds))
      : [],
  ]);
  const modelIds = ids([
    ...byType('registered_model'),
    ...commentRows.map((c) => c.modelId),
    ...versionRows.map((v) => v.modelId),
    ...releaseRows.map((r) => r.modelId),
    ...alertRows.map((a) => a.modelId),
  ]);
  const modelRows = modelIds.length ? await db.select({ id: registeredModels.id, name: registeredModels.name }).from(registeredModels).where(inArray(registeredModels.id, modelIds)) : [];
  const map = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  return { models: map(modelRows), versions: map(versionRows), releases: map(releaseRows), alerts: map(alertRows), comments: map(commentRows) };
}

/** Belt and braces over the SQL: an entry the viewer may not see never leaves, whatever the query did. */
function mayShow(entry: ActivityEntry, viewer: Viewer, subjectOf: (seq: number) => string | undefined): boolean {
  if (entry.kind === 'release') return seesReleases(viewer);
  if (entry.kind === 'alert') return seesAlerts(viewer);
  if (entry.kind === 'comment') return (visibleCommentSubjects(viewer) as string[]).includes(subjectOf(entry.seq) ?? '');
  return true;
}

async function page(db: DbOrTx, user: SessionUser, where: SQL | undefined, limit: number, withModel: boolean): Promise<ActivityPage> {
  const rows = await readRows(db, where, limit);
  const shown = rows.slice(0, limit);
  const context = await loadContext(db, shown);
  const withAudit = can(user, 'audit.read');
  const subjectOf = (seq: number) => {
    const row = shown.find((r) => r.seq === seq);
    const id = row ? commentIdOf(row) : null;
    return id ? context.comments.get(id)?.subjectType : undefined;
  };
  const items = shown
    .map((row) => describe(row, context, { withModel, withAudit }))
    .filter((e): e is ActivityEntry => !!e && mayShow(e, user, subjectOf));
  return { items, nextCursor: rows.length > limit ? (shown.at(-1)?.seq ?? null) : null };
}

/** Everything that happened to one model (by id or name) that this person may see. */
export async function modelFeed({ ctx, input }: VerbArgs<unknown>): Promise<ActivityPage & { model: { id: string; name: string } }> {
  const user = requireCapability(ctx, 'catalog.read');
  const { modelId, cursor, limit } = parseInput(modelFeedSchema, input);
  const model = await resolveModel(ctx.db, modelId);
  const where = and(
    sql`(${auditEvents.entityType}, ${auditEvents.entityId}) in (${modelSubjects(model.id, user)})`,
    inArray(auditEvents.action, visibleActions(user)),
    cursor ? lt(auditEvents.seq, cursor) : undefined,
  );
  return { ...(await page(ctx.db, user, where, limit, false)), model: { id: model.id, name: model.name } };
}

/** Everything across the catalog, releases and monitoring that this person may see. */
export async function globalFeed({ ctx, input }: VerbArgs<unknown>): Promise<ActivityPage> {
  const user = requireCapability(ctx, 'catalog.read');
  const { cursor, limit } = parseInput(globalFeedSchema, input);
  const where = and(inArray(auditEvents.action, visibleActions(user)), commentVisible(user), cursor ? lt(auditEvents.seq, cursor) : undefined);
  return page(ctx.db, user, where, limit, true);
}
