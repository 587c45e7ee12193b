// Turns one audit row into an activity entry: a line a person reads ("Ada Approver approved REL-12
// (release of v3 to production)"), the page of the thing it is about, and for audit readers the
// audit event itself. Pure: the feed reads the rows and what they refer to, this only words them.
import 'server-only';
import { auditFilterParams } from '@/lib/audit-filters';
import type { AuditEvent } from '@/server/db/schema';
import { COMMENT_CREATED, type CommentSubjectType } from './actions';

export type FeedRow = Pick<AuditEvent, 'seq' | 'occurredAt' | 'actorType' | 'actorName' | 'action' | 'entityType' | 'entityId' | 'before' | 'after' | 'reason' | 'changedFields'>;

type FeedModel = { id: string; name: string };
type FeedVersion = { id: string; modelId: string; version: number };
type FeedRelease = { id: string; modelId: string; number: number; kind: string; version: number; alias: string };
type FeedAlert = { id: string; modelId: string; number: number; title: string };
type FeedComment = { id: string; modelId: string; subjectType: CommentSubjectType; subjectId: string; parentId: string | null };

/** What the rows of one page refer to, read in one query per kind. */
export type FeedContext = {
  models: Map<string, FeedModel>;
  versions: Map<string, FeedVersion>;
  releases: Map<string, FeedRelease>;
  alerts: Map<string, FeedAlert>;
  comments: Map<string, FeedComment>;
};

type ActivityKind = 'model' | 'version' | 'release' | 'alert' | 'comment';

export type ActivityEntry = {
  seq: number;
  at: Date;
  action: string;
  kind: ActivityKind;
  actorName: string;
  /** The whole line, starting with who did it. */
  summary: string;
  /** The reason or note given with it, shortened; null when none. */
  detail: string | null;
  /** The page of the thing it is about. */
  href: string | null;
  model: FeedModel | null;
  /** The audit page narrowed to this one event; only for those who may read the audit trail. */
  auditHref: string | null;
};

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const DETAIL_MAX = 280;
const shorten = (s: string | null) => (s && s.length > DETAIL_MAX ? `${s.slice(0, DETAIL_MAX - 1)}…` : s);

const modelHref = (modelId: string) => `/models/${modelId}`;
const versionHref = (modelId: string, version: number) => `/models/${modelId}/versions/${version}`;
const releaseHref = (id: string) => `/approvals/${id}`;
const alertHref = (id: string) => `/monitoring/alerts/${id}`;

/** The audit page's own filters, narrowed to the event's entity, action and instant: exactly that row. */
function auditEventHref(row: Pick<FeedRow, 'entityType' | 'entityId' | 'action' | 'occurredAt'>): string {
  const at = row.occurredAt.toISOString();
  return `/audit?${auditFilterParams({ entityType: row.entityType, entityId: row.entityId, action: row.action as never, from: at, to: at }).toString()}`;
}

const FIELD_LABELS: Record<string, string> = {
  description: 'description',
  ownerTeam: 'owner team',
  riskTier: 'risk tier',
  tags: 'tags',
  modelCard: 'model card',
  metrics: 'metrics',
  lineage: 'lineage',
  inputSchema: 'input schema',
  outputSchema: 'output schema',
  preprocessing: 'preprocessing',
};

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function releaseLabel(r: FeedRelease | undefined, after: Json, modelName: string | null): string {
  const reference = r ? `REL-${r.number}` : (str(after.reference) ?? 'a release request');
  if (!r) return reference;
  const v = modelName ? `${modelName} v${r.version}` : `v${r.version}`;
  const what =
    r.kind === 'rollback_review' ? `review of the rollback of ${r.alias} to ${v}` : r.kind === 're_review' ? `re-review of ${v} on ${r.alias}` : `release of ${v} to ${r.alias}`;
  return `${reference} (${what})`;
}

type Described = { kind: ActivityKind; summary: string; href: string | null; modelId: string | null; detail?: string | null };

function describeCatalog(row: FeedRow, ctx: FeedContext, withModel: boolean): Described | null {
  const { actorName: who } = row;
  const after = obj(row.after);
  const before = obj(row.before);
  if (row.entityType === 'registered_model') {
    const model = ctx.models.get(row.entityId);
    const name = model?.name ?? str(after.name) ?? 'a model';
    const on = withModel ? ` of ${name}` : '';
    const base = { kind: 'model' as const, modelId: row.entityId };
    switch (row.action) {
      case 'model.registered':
        return { ...base, summary: `${who} registered the model ${name}`, href: modelHref(row.entityId) };
      case 'model.updated': {
        const fields = row.changedFields.map((f) => FIELD_LABELS[f] ?? f);
        return { ...base, summary: `${who} edited the ${fields.length ? list(fields) : 'details'}${on}`, href: modelHref(row.entityId) };
      }
      case 'alias.moved': {
        const alias = str(after.alias) ?? 'an alias';
        const to = num(after.version);
        const from = num(before.version);
        const moved = from === null ? `pointed ${alias} at v${to}` : `moved ${alias} from v${from} to v${to}`;
        return { ...base, summary: `${who} ${moved}${on}`, href: to === null ? modelHref(row.entityId) : versionHref(row.entityId, to) };
      }
      case 'alias.removed': {
        const from = num(before.version);
        return { ...base, summary: `${who} removed the alias ${str(after.alias) ?? str(before.alias) ?? ''}${from === null ? '' : ` (was v${from})`}${on}`, href: modelHref(row.entityId) };
      }
    }
    return null;
  }
  if (row.entityType === 'model_version') {
    const version = ctx.versions.get(row.entityId);
    if (!version) return null;
    const name = ctx.models.get(version.modelId)?.name;
    const v = `v${version.version}${withModel && name ? ` of ${name}` : ''}`;
    const base = { kind: 'version' as const, modelId: version.modelId, href: versionHref(version.modelId, version.version) };
    switch (row.action) {
      case 'version.created':
        return { ...base, summary: `${who} registered ${v}` };
      case 'version.metadata_updated': {
        const fields = row.changedFields.filter((f) => f !== 'afterSubmission').map((f) => FIELD_LABELS[f] ?? f);
        return { ...base, summary: `${who} updated the ${fields.length ? list(fields) : 'metadata'} of ${v}` };
      }
      case 'version.reference_dataset_attached':
        return { ...base, summary: `${who} attached the reference dataset ${str(after.name) ?? ''} to ${v}`.replace('  ', ' ') };
    }
  }
  return null;
}

function describeRelease(row: FeedRow, ctx: FeedContext, withModel: boolean): Described | null {
  const request = ctx.releases.get(row.entityId);
  if (!request) return null;
  const who = row.actorName;
  const after = obj(row.after);
  const before = obj(row.before);
  const label = releaseLabel(request, after, withModel ? (ctx.models.get(request.modelId)?.name ?? null) : null);
  const ref = `REL-${request.number}`;
  const line = (summary: string): Described => ({ kind: 'release', summary, href: releaseHref(request.id), modelId: request.modelId });
  switch (row.action) {
    case 'release.drafted':
      return line(`${who} drafted ${label}`);
    case 'release.requested':
      return line(`${who} asked for ${label}`);
    case 'release.resubmitted':
      return line(`${who} resubmitted ${label}`);
    case 'release.withdrawn':
      return line(`${who} withdrew ${label}`);
    case 'decision.signed': {
      const verb = { approve: 'approved', reject: 'rejected', request_changes: 'asked for changes to' }[str(after.decision) ?? ''] ?? 'signed';
      return line(`${who} ${verb} ${label}`);
    }
    case 'release.approved':
      return line(`${label} is approved: its approvals are complete`);
    case 'release.rejected':
      return line(`${label} is rejected`);
    case 'release.changes_requested':
      return line(`${label} went back to its requester for changes`);
    case 'release.released':
      return line(`${who} released ${ref}: ${request.alias} now serves v${request.version}`);
    case 'release.superseded':
      return line(`${label} was superseded`);
    case 'release.expired':
      return line(`${label} expired before it was decided`);
    case 'release.rolled_back': {
      const alias = str(after.alias) ?? request.alias;
      return line(`${who} rolled ${alias} back from v${num(before.version) ?? request.version} to v${num(after.version) ?? '?'} (${ref})`);
    }
    case 'release.commented':
      return { ...line(`${who} commented on ${ref}`), detail: null };
  }
  return null;
}

function describeAlert(row: FeedRow, ctx: FeedContext, withModel: boolean): Described | null {
  const alert = ctx.alerts.get(row.entityId);
  if (!alert) return null;
  const who = row.actorName;
  const after = obj(row.after);
  const name = withModel ? ctx.models.get(alert.modelId)?.name : undefined;
  const ref = `ALR-${alert.number}${name ? ` on ${name}` : ''}`;
  const line = (summary: string): Described => ({ kind: 'alert', summary, href: alertHref(alert.id), modelId: alert.modelId });
  switch (row.action) {
    case 'alert.opened':
      return line(`${who} opened ${ref}: ${str(after.title) ?? alert.title}`);
    case 'alert.reopened':
      return line(`${who} re-opened ${ref}: ${str(after.title) ?? alert.title}`);
    case 'alert.acknowledged':
      return line(`${who} acknowledged ${ref} (${alert.title})`);
    case 'alert.assigned': {
      const assignee = str(after.assignee);
      return line(assignee ? `${who} assigned ${ref} to ${assignee === who ? 'themself' : assignee}` : `${who} unassigned ${ref}`);
    }
    case 'alert.commented':
      return line(`${who} commented on ${ref}`);
    case 'alert.resolved':
      return line(`${who} resolved ${ref} (${alert.title})`);
  }
  return null;
}

/** The comment an audit row is about: the row's entity, or the id it names when it hangs off its subject. */
export function commentIdOf(row: Pick<FeedRow, 'entityType' | 'entityId' | 'after'>): string | null {
  return row.entityType === 'comment' ? row.entityId : str(obj(row.after).commentId);
}

function describeComment(row: FeedRow, ctx: FeedContext, withModel: boolean): Described | null {
  const id = commentIdOf(row);
  const comment = id ? ctx.comments.get(id) : undefined;
  if (!comment) return null;
  const who = row.actorName;
  const modelName = ctx.models.get(comment.modelId)?.name ?? 'the model';
  let subject: string;
  let href: string;
  switch (comment.subjectType) {
    case 'model':
      subject = withModel ? modelName : 'the model';
      href = modelHref(comment.modelId);
      break;
    case 'version': {
      const v = ctx.versions.get(comment.subjectId);
      if (!v) return null;
      subject = `v${v.version}${withModel ? ` of ${modelName}` : ''}`;
      href = versionHref(v.modelId, v.version);
      break;
    }
    case 'release': {
      const r = ctx.releases.get(comment.subjectId);
      if (!r) return null;
      subject = `REL-${r.number}`;
      href = releaseHref(r.id);
      break;
    }
    case 'alert': {
      const a = ctx.alerts.get(comment.subjectId);
      if (!a) return null;
      subject = `ALR-${a.number}`;
      href = alertHref(a.id);
      break;
    }
  }
  return { kind: 'comment', summary: `${who} ${comment.parentId ? 'replied on' : 'commented on'} ${subject}`, href: `${href}#comment-${comment.id}`, modelId: comment.modelId, detail: null };
}

export function describe(row: FeedRow, ctx: FeedContext, options: { withModel: boolean; withAudit: boolean }): ActivityEntry | null {
  const { withModel } = options;
  const described =
    row.action === COMMENT_CREATED
      ? describeComment(row, ctx, withModel)
      : row.action.startsWith('alert.')
        ? describeAlert(row, ctx, withModel)
        : row.action.startsWith('release.') || row.action === 'decision.signed'
          ? describeRelease(row, ctx, withModel)
          : describeCatalog(row, ctx, withModel);
  if (!described) return null;
  return {
    seq: row.seq,
    at: row.occurredAt,
    action: row.action,
    kind: described.kind,
    actorName: row.actorName,
    summary: described.summary,
    detail: described.detail === undefined ? shorten(row.reason) : described.detail,
    href: described.href,
    model: described.modelId ? (ctx.models.get(described.modelId) ?? null) : null,
    auditHref: options.withAudit ? auditEventHref(row) : null,
  };
}
