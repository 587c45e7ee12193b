// Release approvals: policies per risk tier, a model's own rules, release requests, their
// signed decisions (electronic signatures), state transitions and comments.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '@/lib/roles';
import type { ModelCard, RiskTier } from '@/lib/validation/catalog';
import type { Decision, EffectivePolicy, ModelReleaseRules, ReleaseKind, ReleaseState, TierPolicy } from '@/lib/validation/releases';
import { modelVersions, registeredModels } from './catalog';

/** The policy per risk tier; a tier with no row uses the built-in default. */
export const releasePolicies = pgTable('release_policies', {
  riskTier: text().$type<RiskTier>().primaryKey(),
  policy: jsonb().$type<TierPolicy>().notNull(),
  updatedBy: uuid().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** What a model adds to its tier's policy (stricter only) and its metric thresholds. */
export const modelReleaseRules = pgTable('model_release_rules', {
  modelId: uuid()
    .primaryKey()
    .references(() => registeredModels.id),
  rules: jsonb().$type<ModelReleaseRules>().notNull(),
  updatedBy: uuid().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type ReleaseSnapshot = {
  contentDigest: string;
  modelCard: Partial<ModelCard>;
  /** The version's newest saved evaluations when the request was submitted. */
  evaluations: { id: string; datasetName: string; datasetSha256: string; verified: boolean; metrics: Record<string, number | null>; createdAt: string; createdByName: string }[];
  /** The version holding the alias at that moment, if any. */
  currentHolder: { version: number; versionId: string; contentDigest: string } | null;
  policy: EffectivePolicy;
};

export const releaseRequests = pgTable(
  'release_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Human reference, e.g. REL-42. */
    number: integer().generatedAlwaysAsIdentity(),
    kind: text().$type<ReleaseKind>().notNull().default('release'),
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id),
    versionId: uuid()
      .notNull()
      .references(() => modelVersions.id),
    version: integer().notNull(),
    alias: text().notNull(),
    state: text().$type<ReleaseState>().notNull(),
    changeSummary: text().notNull(),
    expectedImpact: text().notNull(),
    rollbackPlan: text().notNull(),
    /** Taken at submission (and again at each resubmission). */
    snapshot: jsonb().$type<ReleaseSnapshot>(),
    /** Decisions of earlier rounds do not count after a resubmission. */
    round: integer().notNull().default(0),
    requestedBy: uuid().notNull(),
    requestedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    releasedAt: timestamp({ withTimezone: true }),
    /** The version that held the alias before this release: where a rollback goes. */
    rollbackTargetVersion: integer(),
    rolledBackAt: timestamp({ withTimezone: true }),
    /** For a rollback review: the release that was rolled back. */
    followUpOf: uuid(),
    /** For a re-review: the monitoring alert that asked for it. */
    alertId: uuid(),
  },
  (t) => [
    uniqueIndex('release_requests_number_idx').on(t.number),
    index('release_requests_model_id_alias_state_idx').on(t.modelId, t.alias, t.state),
    index('release_requests_state_expires_at_idx').on(t.state, t.expiresAt),
    index('release_requests_requested_by_idx').on(t.requestedBy),
    index('release_requests_updated_at_idx').on(t.updatedAt),
  ],
);
export type ReleaseRequest = typeof releaseRequests.$inferSelect;

/** Electronic signatures. Immutable: the database refuses UPDATE and DELETE. */
export const releaseDecisions = pgTable(
  'release_decisions',
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => releaseRequests.id),
    round: integer().notNull(),
    decision: text().$type<Decision>().notNull(),
    signerId: uuid().notNull(),
    /** The signer's printed name at the moment of signing. */
    signerName: text().notNull(),
    signerEmail: text().notNull(),
    signerRoles: text().array().$type<Role[]>().notNull(),
    /** The required role this approval counted for (null for reject / request changes). */
    countedAs: text().$type<Role>(),
    meaning: text().notNull(),
    reason: text().notNull(),
    /** The content digest of the version signed for. */
    signedDigest: text().notNull(),
    /** How the signer re-authenticated: password re-entry, or a recent single sign-on. */
    authMethod: text().$type<'password' | 'recent_sso'>().notNull(),
    signedAt: timestamp({ withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('release_decisions_request_id_idx').on(t.requestId), index('release_decisions_signer_id_idx').on(t.signerId)],
);
export type ReleaseDecision = typeof releaseDecisions.$inferSelect;

/** Every state change of a request, for its timeline. Immutable like the decisions. */
export const releaseTransitions = pgTable(
  'release_transitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => releaseRequests.id),
    fromState: text().$type<ReleaseState>(),
    toState: text().$type<ReleaseState>().notNull(),
    actorId: uuid(),
    actorName: text().notNull(),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('release_transitions_request_id_at_idx').on(t.requestId, t.at)],
);
export type ReleaseTransition = typeof releaseTransitions.$inferSelect;

export const releaseComments = pgTable(
  'release_comments',
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => releaseRequests.id),
    authorId: uuid().notNull(),
    authorName: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('release_comments_request_id_created_at_idx').on(t.requestId, t.createdAt)],
);
export type ReleaseComment = typeof releaseComments.$inferSelect;

