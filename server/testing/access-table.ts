// Who may call what, written by hand from the README ("People, roles and sessions" and the sections
// it points to), never from lib/permissions.ts: the access tests hold the code to this table, so a
// wrong entry in the permission map fails them. Every tRPC procedure and every REST route needs a
// row; a new one without a row fails the tests.
import type { Role } from '@/lib/roles';

/** Who calls: a person holding one role, a signed-in person with no role yet, or a deployment's ingestion key. */
export type Actor = Role | 'no_role' | 'write_key' | 'read_key';
/** `nobody` (no session, no token) is refused everything that is not public, so it is never listed. */
export type Rule = 'public' | readonly Actor[];

// Shorthands for the README's sentences.
/** "Every signed-in person", with or without a role: their own account, the catalog, Evaluate. */
const EVERYONE: readonly Actor[] = ['no_role', 'admin', 'data_scientist', 'approver', 'risk_reviewer', 'ops', 'auditor'];
/** Anyone who holds a role (stored datasets can be personal data; an account not set up yet may not read them). */
const ANY_ROLE: readonly Actor[] = ['admin', 'data_scientist', 'approver', 'risk_reviewer', 'ops', 'auditor'];
/** The approvals section: everyone with a role reads requests, the auditor included. */
const RELEASE_READERS: readonly Actor[] = ANY_ROLE;
/** Everyone who takes part in releases writes comments and saves evidence; the auditor never writes. */
const PARTICIPANTS: readonly Actor[] = ['admin', 'data_scientist', 'approver', 'risk_reviewer', 'ops'];
/** "You may read and write a thread if you may see its subject; auditors only read": a person with no role sees the catalog, so writes there. */
const COMMENTERS: readonly Actor[] = [...PARTICIPANTS, 'no_role'];
/** "Data scientists register models ... and versions" and ask for releases. */
const SCIENTISTS: readonly Actor[] = ['data_scientist'];
/** Monitoring: "Ops (or admins)" manage; data scientists and auditors read too. */
const MONITORING_READERS: readonly Actor[] = ['ops', 'data_scientist', 'admin', 'auditor'];
const OPS_OR_ADMIN: readonly Actor[] = ['ops', 'admin'];
/** The audit trail and the people list: admins, and auditors who read everything. */
const ADMIN_OR_AUDITOR: readonly Actor[] = ['admin', 'auditor'];
const ADMIN: readonly Actor[] = ['admin'];

/** tRPC procedures, by path. */
export const PROCEDURE_ACCESS: Record<string, Rule> = {
  // Own account: anyone signed in (an auditor may change their own password and tokens; that changes nothing of the workspace).
  'me.get': EVERYONE,
  'me.changePassword': EVERYONE,
  'apiTokens.list': EVERYONE,
  'apiTokens.create': EVERYONE,
  'apiTokens.revoke': EVERYONE,
  'notifications.list': EVERYONE,
  'notifications.unreadCount': EVERYONE,
  'notifications.markRead': EVERYONE,
  'notifications.markAllRead': EVERYONE,
  'notifications.watchState': EVERYONE,
  'notifications.watch': EVERYONE,
  'notifications.unwatch': EVERYONE,
  'presence.here': EVERYONE,
  'presence.heartbeat': EVERYONE,
  'presence.leave': EVERYONE,
  'events.stream': EVERYONE,

  // People (Admin page): admins change, auditors read.
  'users.list': ADMIN_OR_AUDITOR,
  'users.create': ADMIN,
  'users.setRoles': ADMIN,
  'users.setDisabled': ADMIN,
  // Sign-in limits: admins see and clear them (README "People, roles and sessions").
  'users.signInThrottles': ADMIN,
  'users.clearSignInThrottle': ADMIN,

  'audit.list': ADMIN_OR_AUDITOR,
  'audit.get': ADMIN_OR_AUDITOR,
  'audit.verify': ADMIN_OR_AUDITOR,

  // The catalog is open to every signed-in person; only data scientists change it.
  'catalog.list': EVERYONE,
  'catalog.facets': EVERYONE,
  'catalog.model': EVERYONE,
  'catalog.version': EVERYONE,
  'catalog.compare': EVERYONE,
  'catalog.datasets': ANY_ROLE,
  'catalog.register': SCIENTISTS,
  'catalog.update': SCIENTISTS,
  'catalog.updateVersion': SCIENTISTS,
  'catalog.setAlias': SCIENTISTS,

  // "Anyone can evaluate a model in the browser"; saving it as evidence is a write: not the auditor, not an account without a role.
  'evaluations.list': EVERYONE,
  'evaluations.save': PARTICIPANTS,

  'releases.list': RELEASE_READERS,
  'releases.counts': RELEASE_READERS,
  'releases.get': RELEASE_READERS,
  'releases.policies': RELEASE_READERS,
  'releases.modelRules': RELEASE_READERS,
  'releases.setTierPolicy': ADMIN,
  'releases.setModelRules': ['admin', 'risk_reviewer'],
  'releases.request': SCIENTISTS,
  'releases.submit': SCIENTISTS,
  'releases.withdraw': SCIENTISTS,
  // Signers are the roles a policy may name; the auditor signs nothing.
  'releases.sign': PARTICIPANTS,
  // "ops, an admin or its requester" (a data scientist) releases a request held for ops.
  'releases.release': ['ops', 'admin', 'data_scientist'],
  'releases.requestReReview': OPS_OR_ADMIN,
  'releases.rollback': OPS_OR_ADMIN,
  'releases.comment': PARTICIPANTS,

  'monitoring.deployments': MONITORING_READERS,
  'monitoring.deployment': MONITORING_READERS,
  // A version page's Monitoring tab: the deployments serving it, their drift and alerts.
  'monitoring.version': MONITORING_READERS,
  'monitoring.stats': MONITORING_READERS,
  'monitoring.drift': MONITORING_READERS,
  'monitoring.keys': MONITORING_READERS,
  'monitoring.rules': MONITORING_READERS,
  'monitoring.alerts': MONITORING_READERS,
  'monitoring.alert': MONITORING_READERS,
  'monitoring.createDeployment': OPS_OR_ADMIN,
  'monitoring.createKey': OPS_OR_ADMIN,
  'monitoring.revokeKey': OPS_OR_ADMIN,
  'monitoring.createRule': OPS_OR_ADMIN,
  'monitoring.updateRule': OPS_OR_ADMIN,
  'monitoring.acknowledge': OPS_OR_ADMIN,
  'monitoring.assign': OPS_OR_ADMIN,
  'monitoring.comment': OPS_OR_ADMIN,
  'monitoring.resolve': OPS_OR_ADMIN,

  // Discussions: read if you may see the subject (the service checks the subject); "auditors only read".
  'comments.thread': EVERYONE,
  'comments.mentionCandidates': EVERYONE,
  'comments.create': COMMENTERS,
  'comments.edit': COMMENTERS,
  'comments.delete': COMMENTERS,
  'comments.react': COMMENTERS,
  'activity.modelFeed': EVERYONE,
  'activity.globalFeed': EVERYONE,

  // Webhooks are Admin → Webhooks configuration.
  'webhooks.list': ADMIN,
  'webhooks.create': ADMIN,
  'webhooks.update': ADMIN,
  'webhooks.setEnabled': ADMIN,
  'webhooks.delete': ADMIN,
  'webhooks.deliveries': ADMIN,
  'webhooks.sendTest': ADMIN,
  'webhooks.redeliver': ADMIN,
  'webhooks.settings': ADMIN,
  'webhooks.setSettings': ADMIN,
};

/**
 * REST routes, as "METHOD /path" with the route folder's segments. People call them with a personal
 * API token (it carries its owner's roles); deployments with an ingestion key.
 */
export const ROUTE_ACCESS: Record<string, Rule | 'trpc'> = {
  'GET /api/v1/openapi.json': 'public',
  // Readiness for load balancers and operators: it says only whether the database answers.
  'GET /api/health': 'public',
  // next-auth's own sign-in endpoints, and the tRPC endpoint whose procedures are listed above.
  'GET /api/auth/[...nextauth]': 'public',
  'POST /api/auth/[...nextauth]': 'public',
  'GET /api/trpc/[trpc]': 'trpc',
  'POST /api/trpc/[trpc]': 'trpc',

  'GET /api/v1/models': EVERYONE,
  'POST /api/v1/models': SCIENTISTS,
  'GET /api/v1/models/[model]': EVERYONE,
  'POST /api/v1/models/[model]/versions': SCIENTISTS,
  'GET /api/v1/models/[model]/versions/[version]': EVERYONE,
  // Evaluate downloads the model files: anyone who may evaluate.
  'GET /api/v1/models/[model]/versions/[version]/files/[file]': EVERYONE,
  'GET /api/v1/models/[model]/versions/[version]/reference-dataset': ANY_ROLE,
  'POST /api/v1/models/[model]/versions/[version]/reference-dataset': SCIENTISTS,
  'GET /api/v1/datasets/[id]': ANY_ROLE,

  // "a key writes to its own deployment only, and a key with the read scope may read its drift report".
  'POST /api/v1/events': ['write_key'],
  'POST /api/v1/labels': ['write_key'],
  'GET /api/v1/deployments/[id]/drift': [...MONITORING_READERS, 'read_key'],

  // "Evidence for auditors" and the audit export.
  'GET /api/releases/[requestId]/evidence': RELEASE_READERS,
  'GET /api/models/[modelId]/release-evidence': RELEASE_READERS,
  'GET /api/audit/export': ADMIN_OR_AUDITOR,
};
