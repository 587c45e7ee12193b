// Who may do what: the one permission map (role -> capabilities), read by the service verbs, the tRPC
// procedures, the REST routes, the navigation and the components. Nothing else keeps a role list.
import { ROLES, type Role } from './roles';

/** Every capability, with what it lets a person do (shown in refusals and the README's table). */
export const CAPABILITIES = {
  'session.use': 'use their own account: profile, password, personal API tokens, notifications, watches, presence, live updates',
  'catalog.read': 'read the catalog: models, versions, model files, evaluations, activity and discussions of what they may see',
  'dataset.read': 'list stored datasets and download their rows',
  'model.register': 'register models',
  'model.update': 'edit a model’s metadata',
  'version.create': 'upload versions',
  'version.update': 'edit a version’s metadata and attach its reference dataset',
  'alias.move': 'move unprotected aliases',
  'evaluation.save': 'save an evaluation as evidence',
  'release.read': 'read release requests, their decisions, policies and evidence exports',
  'release.request': 'ask for a release, and submit, withdraw or release their own request',
  'release.sign': 'sign release decisions (the request’s policy says which roles count)',
  'release.publish': 'release any approved request that waits for ops',
  'release.rollback': 'roll a protected alias back',
  'release.re_review': 'ask for a re-review of a released version from an alert',
  'policy.edit': 'set each risk tier’s release policy',
  'model_rules.edit': 'tighten a model’s release rules and thresholds',
  'release.comment': 'comment on a release request’s timeline',
  'comment.write': 'write, edit, delete and react to comments on what they may see',
  'monitoring.read': 'read deployments, statistics, drift, alert rules and alerts',
  'deployment.manage': 'create deployments and their ingestion keys',
  'alert_rule.edit': 'create and change alert rules',
  'alert.work': 'acknowledge, assign, comment on and resolve alerts',
  'audit.read': 'read, verify and export the audit trail',
  'user.read': 'list people and their roles',
  'user.manage': 'add people, change roles, disable accounts',
  'webhook.manage': 'configure webhooks and read their deliveries',
} as const satisfies Record<string, string>;

export type Capability = keyof typeof CAPABILITIES;

/** What every signed-in person may do, even one who holds no role yet. */
export const SIGNED_IN_CAPABILITIES: readonly Capability[] = ['session.use', 'catalog.read'];

/**
 * What a person who holds no role yet may also do: join the discussions of what they can see (the
 * catalog). Holding any role replaces this, so an auditor still writes nothing.
 */
const NO_ROLE_CAPABILITIES: readonly Capability[] = ['comment.write'];

const READ_RELEASES_AND_SIGN: readonly Capability[] = ['dataset.read', 'evaluation.save', 'release.read', 'release.sign', 'release.comment', 'comment.write'];

/** What each role adds. The auditor holds only capabilities that read. */
const ROLE_CAPABILITIES: Record<Role, readonly Capability[]> = {
  admin: [
    ...READ_RELEASES_AND_SIGN,
    'release.publish', 'release.rollback', 'release.re_review', 'policy.edit', 'model_rules.edit',
    'monitoring.read', 'deployment.manage', 'alert_rule.edit', 'alert.work',
    'audit.read', 'user.read', 'user.manage', 'webhook.manage',
  ],
  data_scientist: [...READ_RELEASES_AND_SIGN, 'model.register', 'model.update', 'version.create', 'version.update', 'alias.move', 'release.request', 'monitoring.read'],
  approver: [...READ_RELEASES_AND_SIGN],
  risk_reviewer: [...READ_RELEASES_AND_SIGN, 'model_rules.edit'],
  ops: [...READ_RELEASES_AND_SIGN, 'release.publish', 'release.rollback', 'release.re_review', 'monitoring.read', 'deployment.manage', 'alert_rule.edit', 'alert.work'],
  auditor: ['dataset.read', 'release.read', 'monitoring.read', 'audit.read', 'user.read'],
};

/** Anyone whose roles are known: a session user, an API token's owner, a person picked in a form. */
type Holder = { roles: readonly string[] } | null | undefined;

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** Whether a signed-in `holder` may use `capability`; nobody (null) may use none. */
export function can(holder: Holder, capability: Capability): boolean {
  if (!holder) return false;
  if (SIGNED_IN_CAPABILITIES.includes(capability)) return true;
  if (!holder.roles.some(isRole)) return NO_ROLE_CAPABILITIES.includes(capability);
  return holder.roles.some((r) => isRole(r) && ROLE_CAPABILITIES[r].includes(capability));
}

/** Whether `holder` may use at least one of `capabilities`. */
export const canAny = (holder: Holder, capabilities: readonly Capability[]) => capabilities.some((c) => can(holder, c));

/** The roles that grant `capability` (for live-event audiences, notifications and refusals). */
export function rolesWith(capability: Capability): Role[] {
  return ROLES.filter((r) => ROLE_CAPABILITIES[r].includes(capability));
}

/** Who holds `capability`, in words: "every signed-in person" or the roles' names. */
export function holdersOf(capability: Capability): string {
  return SIGNED_IN_CAPABILITIES.includes(capability) ? 'every signed-in person' : rolesWith(capability).join(', ');
}

/**
 * Machine callers that are not people: an ingestion key acts for one deployment with its scopes.
 * `write` sends predictions and labels; `read` reads that deployment's drift report.
 */
const INGESTION_SCOPE_CAPABILITIES = {
  write: ['prediction.ingest'],
  read: ['drift.read'],
} as const;
type IngestionCapability = (typeof INGESTION_SCOPE_CAPABILITIES)[keyof typeof INGESTION_SCOPE_CAPABILITIES][number];

/** Whether an ingestion key holding `scopes` may use `capability` (on its own deployment only). */
export function keyCan(scopes: readonly string[], capability: IngestionCapability): boolean {
  return scopes.some((s) => s in INGESTION_SCOPE_CAPABILITIES && (INGESTION_SCOPE_CAPABILITIES[s as keyof typeof INGESTION_SCOPE_CAPABILITIES] as readonly string[]).includes(capability));
}
